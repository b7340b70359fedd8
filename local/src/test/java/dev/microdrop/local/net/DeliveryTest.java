package dev.microdrop.local.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.local.net.Delivery.Outcome;
import dev.microdrop.local.net.Delivery.Parcel;
import dev.microdrop.local.net.Delivery.Policy;
import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** The one retry loop of the local bus and scheduler, on a clock the test moves and a sleeper that only records. */
class DeliveryTest {

    private static final Instant DUE = Instant.parse("2026-11-22T09:00:00Z");
    private static final Destination FUNCTION = Destination.parse("arn:aws:lambda:us-east-1:000000000000:function:f");
    private static final Destination DLQ = Destination.parse("arn:aws:sqs:us-east-1:000000000000:dlq");

    private final MutableClock clock = new MutableClock(DUE);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
    private final Delivery delivery = new Delivery(recordingSqs(), clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @AfterEach
    void close() {
        delivery.close();
    }

    @Test
    void now_whenTheTargetAccepts_thenDeliveredWithoutAWait() {
        List<String> received = new CopyOnWriteArrayList<>();
        delivery.onLambda("f", received::add);

        assertThat(deliverNow(Policy.eventBridge())).isEqualTo(Outcome.DELIVERED);
        assertThat(received).containsExactly("{\"wave\":1}");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void now_whenTheTargetFailsTwiceThenAccepts_thenDeliveredOnTheSecondRetry() {
        AtomicInteger calls = new AtomicInteger();
        delivery.onLambda("f", payload -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("cold start");
            }
        });

        assertThat(deliverNow(Policy.eventBridge())).isEqualTo(Outcome.DELIVERED);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void now_whenTheBusTargetKeepsFailing_thenThreeAttemptsThenDroppedWithoutADeadLetter() {
        AtomicInteger calls = failing();

        assertThat(deliverNow(Policy.eventBridge())).isEqualTo(Outcome.DROPPED);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sent).isEmpty();
    }

    @Test
    void now_whenAScheduleTargetKeepsFailing_thenBackOffDoublesUpToItsCapThenDeadLettered() {
        AtomicInteger calls = failing();

        Outcome outcome = deliverNow(Policy.scheduler(8, 86_400, DLQ));

        assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(calls).hasValue(9);
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 500L, 500L);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.queueUrl()).isEqualTo("http://sqs.local/dlq");
            assertThat(message.messageBody()).isEqualTo("{\"wave\":1}");
            assertThat(message.messageAttributes().get("RETRY_ATTEMPTS").stringValue()).isEqualTo("8");
            assertThat(message.messageAttributes().get("ERROR_CODE").stringValue())
                    .isEqualTo("IllegalStateException");
            assertThat(message.messageAttributes().get("ERROR_MESSAGE").stringValue()).isEqualTo("broken on purpose");
            assertThat(message.messageAttributes().get("EXECUTION_ID").stringValue()).isEqualTo("execution-1");
            assertThat(message.messageAttributes().get("SCHEDULE_ARN").stringValue()).isEqualTo("schedule wave-1");
            assertThat(message.messageAttributes().get("TARGET_ARN").stringValue()).isEqualTo(FUNCTION.arn());
        });
    }

    @Test
    void now_whenThePayloadOutgrowsItsMaximumAge_thenNoMoreRetries() {
        AtomicInteger calls = new AtomicInteger();
        // 60 s of age allowed; every wait moves the clock on by a minute, so the first retry is the last.
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        try (Delivery slow = new Delivery(recordingSqs(), clock, duration -> clock.advance(Duration.ofMinutes(1)))) {
            slow.onLambda("f", payload -> {
                calls.incrementAndGet();
                throw new IllegalStateException("still broken");
            });

            slow.now(parcel(Policy.scheduler(185, 60, null)), outcome::set);
        }

        assertThat(outcome).hasValue(Outcome.DROPPED);
        assertThat(calls).hasValue(2);
    }

    @Test
    void later_thenDeliveredOnAnotherThreadAndAwaitIdleWaitsForIt() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        delivery.onLambda("f", payload -> threads.add(Thread.currentThread().getName()));
        AtomicReference<Outcome> outcome = new AtomicReference<>();

        delivery.later(parcel(Policy.eventBridge()), outcome::set);

        assertThat(delivery.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(outcome).hasValue(Outcome.DELIVERED);
        assertThat(threads).singleElement().isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void now_whenNoHandlerIsRegistered_thenAFailedInvocation() {
        assertThat(deliverNow(Policy.eventBridge())).isEqualTo(Outcome.DROPPED);
    }

    private Outcome deliverNow(Policy policy) {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        delivery.now(parcel(policy), outcome::set);
        return outcome.get();
    }

    private static Parcel parcel(Policy policy) {
        return new Parcel("execution-1", "schedule wave-1", FUNCTION, "{\"wave\":1}", DUE, policy);
    }

    private AtomicInteger failing() {
        AtomicInteger calls = new AtomicInteger();
        delivery.onLambda("f", payload -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        });
        return calls;
    }

    /** Answers queue URLs and records sent messages: no I/O. */
    private SqsClient recordingSqs() {
        return new SqsClient() {
            @Override
            public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
                return GetQueueUrlResponse.builder().queueUrl("http://sqs.local/" + request.queueName()).build();
            }

            @Override
            public SendMessageResponse sendMessage(SendMessageRequest request) {
                sent.add(request);
                return SendMessageResponse.builder().messageId("m-" + sent.size()).build();
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
    }
}
