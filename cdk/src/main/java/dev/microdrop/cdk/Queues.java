package dev.microdrop.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The queues of the drop's and the shop's stacks, made one way: SSE, TLS only, a dead-letter queue kept for SQS's
 * longest, consumers on the function's alias reporting partial batch failures, and EventBridge rules that may send
 * to their queue and nothing else may.
 */
final class Queues {

    /** A dead letter's age counts from its first send, so a DLQ keeps messages for SQS's longest: 14 days. */
    static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    private Queues() {
    }

    static Queue deadLetterQueue(Construct scope, String id) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();
    }

    /** A queue whose messages go to {@code deadLetters} after {@code maxReceiveCount} receives. */
    static Queue sourceQueue(Construct scope, String id, Queue deadLetters, int maxReceiveCount,
                             int visibilityTimeoutSeconds) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(visibilityTimeoutSeconds))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(maxReceiveCount).build())
                .build();
    }

    /** Batches of 10 on the alias (so the SnapStart version runs), partial batch failures reported. */
    static void consumer(SnapStartFunction function, Queue queue, int maxConcurrency) {
        consumer(function, queue, maxConcurrency, 10);
    }

    /** Batches of {@code batchSize} on the alias, partial batch failures reported. */
    static void consumer(SnapStartFunction function, Queue queue, int maxConcurrency, int batchSize) {
        function.alias().addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(batchSize)
                .maxConcurrency(maxConcurrency)
                .reportBatchItemFailures(true)
                .build());
    }

    /**
     * A rule on {@code busName} sending what matches {@code pattern} to {@code target}, and the queue's policy
     * statement that lets EventBridge send for this rule only ({@code aws:SourceArn}).
     *
     * @param id       the rule's construct id, also the statement's sid (PascalCase)
     * @param name     the rule's name, unique on its bus
     * @param targetId the target's id within the rule
     */
    static CfnRule ruleTo(Construct scope, String id, String name, String description, String busName,
                          Map<String, Object> pattern, String targetId, Queue target) {
        CfnRule rule = CfnRule.Builder.create(scope, id + "Rule")
                .name(name)
                .description(description)
                .eventBusName(busName)
                .eventPattern(pattern)
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder().id(targetId).arn(target.getQueueArn()).build()))
                .build();
        target.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(id + "FromItsRule")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(target.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                .build());
        return rule;
    }
}
