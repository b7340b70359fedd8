package dev.microdrop.notifications;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.notification.MailOutcome;
import dev.microdrop.core.notification.OrderMails;
import dev.microdrop.function.sqs.SqsBatches;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications queue's consumer: one event envelope per message, one use-case call, and a partial batch
 * response naming every message that must come back ({@code ReportBatchItemFailures} on the event source mapping).
 *
 * <p>A message comes back when it is poison (the queue's redrive policy parks it in the DLQ after {@code
 * maxReceiveCount}), when its order is missing, when the send rate allows no more mail now ({@code Throttled}),
 * when another delivery holds the mail's claim ({@code InFlight}: it is retried after the lease), or when anything
 * throws (the mail service refused: the claim was withdrawn). Logs name the message, the order and the outcome's
 * kind; never an address, never the body.
 */
public final class NotificationsHandler implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(NotificationsHandler.class);

    private final OrderMails mails;
    private final ObjectMapper mapper;

    public NotificationsHandler(OrderMails mails, ObjectMapper mapper) {
        this.mails = mails;
        this.mapper = mapper;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        return SqsBatches.each(event, log, "notifications", this::handle);
    }

    /** Empty when the message is done with; else why it must come back. */
    private Optional<String> handle(SQSEvent.SQSMessage message) {
        String orderId;
        MailOutcome outcome;
        switch (MailEvent.parse(mapper, message.getBody())) {
            case MailEvent.Poison poison -> {
                return Optional.of(poison.reason());
            }
            case MailEvent.OrderPaid paid -> {
                orderId = paid.orderId();
                outcome = mails.orderPaid(orderId);
            }
            case MailEvent.PickupReady ready -> {
                orderId = ready.orderId();
                outcome = mails.pickupReady(orderId);
            }
            case MailEvent.HandedOver handedOver -> {
                orderId = handedOver.orderId();
                outcome = mails.handedOver(orderId);
            }
            case MailEvent.ClaimOffered claim -> {
                orderId = claim.orderId();
                outcome = mails.claimOffered(orderId, claim.sku(), claim.claimExpiresAt());
            }
        }
        return switch (outcome) {
            case MailOutcome.OrderNotFound ignored -> Optional.of("order " + orderId + " not found");
            case MailOutcome.Throttled ignored -> Optional.of("over the send rate; order " + orderId);
            case MailOutcome.Mailed mailed -> {
                log.info("message {}: order {} -> {}", message.getMessageId(), orderId, mailed.outcomes());
                yield mailed.settled() ? Optional.empty()
                        : Optional.of("a mail of order " + orderId + " is claimed by another delivery");
            }
        };
    }
}
