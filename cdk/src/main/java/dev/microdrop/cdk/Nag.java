package dev.microdrop.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;

/**
 * cdk-nag's AwsSolutions findings we accept, each with its reason. The app applies {@code AwsSolutionsChecks} to
 * every stack; {@code DropStackNagTest} proves no finding is left unsuppressed. A suppression names the exact
 * resource and, for wildcards, the exact resource pattern it accepts, so a new wildcard is still a finding.
 */
final class Nag {

    private Nag() {
    }

    static void suppress(DropStack stack) {
        stack.functions().forEach((name, function) -> {
            NagSuppressions.addResourceSuppressions(function.function(), List.of(because("AwsSolutions-L1",
                    "java21 is the newest Java runtime Spring Cloud Function 4.3 and our SnapStart priming are "
                            + "built and tested for; moving to a newer runtime is a deliberate upgrade, not a drift")));
            NagSuppressions.addResourceSuppressions(function.role(), List.of(because("AwsSolutions-IAM5",
                    "DynamoDB grants cover the table's indexes (table/index/*); gsi1 is the only one, and the "
                            + "actions are the item-level read (and, for writers, write) actions, never dynamodb:*",
                    regex("/^Resource::<DropTable[0-9A-F]+\\.Arn>\\/index\\/\\*$/"))), true);
        });
        NagSuppressions.addResourceSuppressions(stack.functions().get("OutboxRelay").role(), List.of(because(
                "AwsSolutions-IAM5",
                "dynamodb:ListStreams cannot be scoped to a resource; the stream's own read actions are scoped to "
                        + "the table's stream ARN", "Resource::*")), true);
        NagSuppressions.addResourceSuppressions(stack.functions().get("Merchant").role(), List.of(because(
                "AwsSolutions-IAM5",
                "the merchant API creates, updates and deletes the wave schedules (wave-<n>) of this drop's own "
                        + "schedule group only; their names are not known until the merchant publishes",
                // Region and account are tokens in an environment-agnostic synth, literals when the CLI knows them.
                regex("/^Resource::arn:<AWS::Partition>:scheduler:.+:schedule\\/microdrop-[a-z0-9-]+\\/\\*$/"))),
                true);
        stack.deadLetterQueues().forEach((id, queue) -> NagSuppressions.addResourceSuppressions(queue, List.of(because(
                "AwsSolutions-SQS3",
                "this queue is itself a dead-letter queue (of a queue, of the outbox relay's stream source or of the "
                        + "wave schedules); a DLQ of a DLQ would only move the problem"))));
        NagSuppressions.addResourceSuppressions(stack.catalogDistribution(), List.of(
                because("AwsSolutions-CFR1",
                        "a drop sells to wherever its merchant ships; shipping and pickup rules, not geography, "
                                + "decide who can buy"),
                because("AwsSolutions-CFR2",
                        "the distribution serves only the read-only, cached catalog (a burst costs one table Query "
                                + "per cache window); checkouts never pass through it, and their abuse limits are the "
                                + "per-buyer limit and idempotency in the conditional writes"),
                because("AwsSolutions-CFR3",
                        "every request that reaches the origin is in the catalog function's JSON log; access logs "
                                + "would need a log bucket for a read-only public page"),
                because("AwsSolutions-CFR4",
                        "the distribution uses CloudFront's default *.cloudfront.net certificate, whose TLS policy "
                                + "cannot be set; a merchant's own domain and certificate (TLSv1.2_2021) is the "
                                + "storefront's to add")));
    }

    private static RegexAppliesTo regex(String regex) {
        return RegexAppliesTo.builder().regex(regex).build();
    }

    private static NagPackSuppression because(String rule, String reason, Object... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of(appliesTo));
        }
        return suppression.build();
    }
}
