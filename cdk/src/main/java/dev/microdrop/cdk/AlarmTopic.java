package dev.microdrop.cdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;

/** The alarm topic of a drop's or a shop's stack. */
final class AlarmTopic {

    private AlarmTopic() {
    }

    /**
     * Where every alarm goes: an SNS topic, encrypted with its own KMS key (rotated yearly) and refusing requests
     * without TLS. Its own key rather than SNS's AWS managed key: CloudWatch cannot publish to a topic encrypted with
     * the managed key (that key's policy cannot be changed to let cloudwatch.amazonaws.com use it), so an alarm on
     * such a topic would fail silently. The key is destroyed with the stack: a topic keeps no messages.
     */
    static Topic create(Stack stack, String whose, Optional<String> email) {
        Key key = Key.Builder.create(stack, "AlarmTopicKey")
                .description("Encrypts the alarm topic of " + whose)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsEncryptTheirNotifications")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        Topic topic = Topic.Builder.create(stack, "AlarmTopic")
                .displayName("microdrop " + whose + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // Only this account's alarms may publish (the topic policy replaces SNS's default one).
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ThisAccountsAlarmsPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":alarm:*")))
                .build());
        email.ifPresent(address -> topic.addSubscription(EmailSubscription.Builder.create(address).build()));
        return topic;
    }
}
