package dev.microdrop.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;

/**
 * cdk-nag's AwsSolutions findings we accept, each with its reason. The app applies {@code AwsSolutionsChecks} to
 * every stack; {@code DropStackNagTest} and {@code ShopStackNagTest} prove no finding is left unsuppressed. A suppression names the exact
 * resource and, for wildcards, the exact resource pattern it accepts, so a new wildcard is still a finding.
 */
final class Nag {

    private Nag() {
    }

    static void suppress(DropStack stack) {
        stack.functions().forEach((name, function) -> {
            java21(function);
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
        NagSuppressions.addResourceSuppressions(stack.edge().distribution(), List.of(
                because("AwsSolutions-CFR1",
                        "a drop sells to wherever its merchant ships; shipping and pickup rules, not geography, "
                                + "decide who can buy"),
                because("AwsSolutions-CFR2",
                        "abuse is bounded where it costs: per-buyer limits and idempotency in the checkout's "
                                + "conditional writes, the checkout's reserved concurrency, the catalog's cache; a "
                                + "web ACL (a monthly charge per drop) is the merchant's to add for a drop that draws bots"),
                because("AwsSolutions-CFR4",
                        "the distribution uses CloudFront's default *.cloudfront.net certificate, whose TLS policy "
                                + "cannot be set; a merchant's own domain and certificate (TLSv1.2_2021) is the "
                                + "storefront's to add")));
        NagSuppressions.addResourceSuppressions(stack.signIn().pool(), List.of(
                because("AwsSolutions-COG2",
                        "MFA is optional (TOTP): the invited merchant's first sign-in sets a password through the hosted "
                                + "pages, then the dashboard offers an authenticator app; required MFA would lock out a "
                                + "merchant whose first sign-in cannot enrol one"),
                because("AwsSolutions-COG3",
                        "one admin-invited user and no self sign-up: threat protection (the Plus plan, billed per user) "
                                + "guards sign-up and credential-stuffing surfaces this pool does not have")));
        bucketDeploymentProvider(stack);
    }

    /**
     * The shop's stack: its functions' runtime, its dead-letter queue, and the shop function's erasure across the
     * shop's drops' tables, whose names share the shop's prefix and are not known when the shop is deployed.
     */
    static void suppress(ShopStack stack) {
        stack.functions().values().forEach(Nag::java21);
        NagSuppressions.addResourceSuppressions(stack.functions().get("Shop").role(), List.of(because(
                "AwsSolutions-IAM5",
                "erasure across the shop's drops: Query, UpdateItem and DeleteItem on the tables named "
                        + "microdrop.<shop>.<dropId> (DropStack names a shop's drop tables so), which no other shop's "
                        + "or application's table matches; drops are deployed after the shop, so their names are "
                        + "not known here",
                regex("/^Resource::arn:<AWS::Partition>:dynamodb:.+:table\\/microdrop\\.[a-z0-9-]+\\.\\*$/"))),
                true);
        NagSuppressions.addResourceSuppressions(stack.deadLetterQueue(), List.of(because("AwsSolutions-SQS3",
                "this queue is itself the dead-letter queue of shop-events; a DLQ of a DLQ would only move the problem")));
    }

    private static void java21(SnapStartFunction function) {
        NagSuppressions.addResourceSuppressions(function.function(), List.of(because("AwsSolutions-L1",
                "java21 is the newest Java runtime Spring Cloud Function 4.3 and our SnapStart priming are "
                        + "built and tested for; moving to a newer runtime is a deliberate upgrade, not a drift")));
    }

    /**
     * CDK's BucketDeployment runs a provider function of its own (one per stack, outside our constructs): its runtime,
     * its basic-execution managed policy and the wildcards of its S3 grants (the asset bucket's objects, the pages'
     * bucket's objects) are CDK's to choose.
     */
    private static void bucketDeploymentProvider(DropStack stack) {
        stack.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(provider -> NagSuppressions.addResourceSuppressions(provider, List.of(
                        because("AwsSolutions-L1", "CDK's BucketDeployment provider picks its own runtime"),
                        because("AwsSolutions-IAM4", "CDK's BucketDeployment provider role uses "
                                + "AWSLambdaBasicExecutionRole for its logs",
                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                        because("AwsSolutions-IAM5", "CDK's BucketDeployment reads the staged assets and replaces the "
                                + "pages bucket's objects (its s3:GetObject*, GetBucket*, List*, DeleteObject*, Abort* "
                                + "grants on the assets bucket and the pages bucket's objects), and invalidates the "
                                + "distribution's cache, which IAM cannot scope below Resource *",
                                "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
                                "Action::s3:DeleteObject*", "Action::s3:Abort*", "Resource::*",
                                regex("/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-.+\\/\\*$/"),
                                regex("/^Resource::<EdgeWebBucket[0-9A-F]+\\.Arn>\\/\\*$/"))), true));
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
