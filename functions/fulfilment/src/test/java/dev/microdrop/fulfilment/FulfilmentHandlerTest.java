package dev.microdrop.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.fulfilment.FulfilmentOutcome;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.infrastructure.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The handler alone, on a scripted use case: which messages come back, and what the log says about them. */
class FulfilmentHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final Map<String, FulfilmentOutcome> outcomes = Map.of(
            "ord_created", new FulfilmentOutcome.Created(new FulfilmentTask.PickupNotice("ord_created", "d",
                    List.of(), "hub-one", null, NOW)),
            "ord_done", new FulfilmentOutcome.AlreadyDone(),
            "ord_refunded", new FulfilmentOutcome.NotPaid(OrderStatus.REFUNDED),
            "ord_missing", new FulfilmentOutcome.OrderNotFound());
    private final List<String> asked = new ArrayList<>();
    private final FulfilmentHandler handler = new FulfilmentHandler(orderId -> {
        asked.add(orderId);
        if (orderId.equals("ord_boom")) {
            throw new IllegalStateException("table unavailable");
        }
        return outcomes.get(orderId);
    }, Json.mapper());

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FulfilmentHandler.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void apply_whenCreatedAlreadyDoneOrNotPaid_thenNoMessageComesBack() {
        SQSBatchResponse response = handler.apply(event(
                message("m1", envelope("ord_created")),
                message("m2", envelope("ord_done")),
                message("m3", envelope("ord_refunded"))));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(asked).containsExactly("ord_created", "ord_done", "ord_refunded");
    }

    @Test
    void apply_whenOrderNotFound_thenOnlyThatMessageComesBack() {
        SQSBatchResponse response = handler.apply(event(
                message("m1", envelope("ord_missing")),
                message("m2", envelope("ord_created"))));

        assertThat(failedIds(response)).containsExactly("m1");
        assertThat(messages()).anySatisfy(line -> assertThat(line).contains("m1", "ord_missing", "not found"));
    }

    @Test
    void apply_whenUseCaseThrows_thenThatMessageComesBackAndTheRestOfTheBatchStillRuns() {
        SQSBatchResponse response = handler.apply(event(
                message("m1", envelope("ord_boom")),
                message("m2", envelope("ord_created"))));

        assertThat(failedIds(response)).containsExactly("m1");
        assertThat(asked).containsExactly("ord_boom", "ord_created");
    }

    @Test
    void apply_whenBodiesArePoison_thenEachComesBackAndTheUseCaseIsNeverAsked() {
        SQSBatchResponse response = handler.apply(event(
                message("not-json", "order ord_1 was paid, ship to Ada Lovelace"),
                message("empty", ""),
                message("array", "[1,2]"),
                message("other-type", envelope("ord_created").replace("\"OrderPaid\"", "\"OrderHeld\"")),
                message("no-detail", "{\"detail-type\":\"OrderPaid\"}"),
                message("no-order-id", "{\"detail-type\":\"OrderPaid\",\"detail\":{\"dropId\":\"d\"}}"),
                message("numeric-order-id", "{\"detail-type\":\"OrderPaid\",\"detail\":{\"orderId\":42}}"),
                message("key-unsafe-order-id", envelope("ord_1#SKU#x")),
                message("duplicate-keys", "{\"detail-type\":\"OrderPaid\",\"detail\":{\"orderId\":\"ord_created\","
                        + "\"orderId\":\"ord_done\"}}")));

        assertThat(failedIds(response)).containsExactly("not-json", "empty", "array", "other-type", "no-detail",
                "no-order-id", "numeric-order-id", "key-unsafe-order-id", "duplicate-keys");
        assertThat(asked).isEmpty();
    }

    @Test
    void apply_logsOneLinePerFailureWithMessageIdAndReason_neverTheBody() {
        handler.apply(event(
                message("m-poison", "{\"buyer\":\"ada@example.com\",\"address\":\"Invalidenstrasse 1\""),
                message("m-ok", envelope("ord_created"))));

        List<String> failures = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(failures).singleElement().satisfies(line -> assertThat(line)
                .contains("m-poison", "not a single valid JSON document"));
        assertThat(messages()).allSatisfy(line -> assertThat(line)
                .doesNotContain("ada@example.com", "Invalidenstrasse"));
    }

    @Test
    void apply_whenEventHasNoRecords_thenEmptyResponse() {
        assertThat(handler.apply(new SQSEvent()).getBatchItemFailures()).isEmpty();
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static String envelope(String orderId) {
        return PaidOrders.envelope("neon-runners", orderId, NOW);
    }

    static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    static SQSEvent.SQSMessage message(String messageId, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        return message;
    }
}
