package dev.microdrop.core.notification;

import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderReader;
import dev.microdrop.core.order.OrderStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mails a drop's events cause, sent through the {@link Notifier}. Events carry ids only: the recipient's
 * address is read from the order ({@code buyerEmail}).
 *
 * <ul>
 *   <li>{@code OrderPaid}: the receipt;</li>
 *   <li>{@code PickupReady}: the pickup notice with the code hub staff issued when they made the order ready;</li>
 *   <li>{@code WaitlistClaimOffered}: the claim, with the storefront's link and the deadline, while the claim's
 *       order still holds the units.</li>
 * </ul>
 *
 * <ul>
 *   <li>{@code PickupCollected} and {@code OrderShipped}: the post-drop survey, eleven one-click links (0 to 10) to the
 *       shop's survey page, each carrying a {@link SurveyTokens} token for the buyer and the drop (when the
 *       function has a survey page).</li>
 * </ul>
 *
 * An order refunded or cancelled since it was paid, or a claim already redeemed or expired, gets no mail: the event
 * is settled.
 */
public final class OrderMails {

    /** The kinds this sends, whose templates the notifications function carries. */
    public static final Set<NotificationKind> KINDS = Set.copyOf(EnumSet.of(NotificationKind.ORDER_RECEIPT,
            NotificationKind.WAITLIST_CLAIM_OFFERED, NotificationKind.PICKUP_READY, NotificationKind.DROP_SURVEY));

    /** Where the survey's links go: the shop's survey page, and the tokens they carry. */
    public record Survey(SurveyTokens tokens, URI page) {
    }

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final OrderReader orders;
    private final Notifier notifier;
    private final Pacing pacing;
    private final URI storefront;

    private final Optional<Survey> survey;

    public OrderMails(OrderReader orders, Notifier notifier, Pacing pacing, URI storefront) {
        this(orders, notifier, pacing, storefront, Optional.empty());
    }

    public OrderMails(OrderReader orders, Notifier notifier, Pacing pacing, URI storefront, Optional<Survey> survey) {
        this.survey = survey;
        this.orders = orders;
        this.notifier = notifier;
        this.pacing = pacing;
        this.storefront = storefront;
    }

    public MailOutcome orderPaid(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new MailOutcome.OrderNotFound();
        }
        if (erased(found.get())) {
            return new MailOutcome.Mailed(Map.of());
        }
        return send(paidMails(found.get()));
    }

    public MailOutcome claimOffered(String orderId, String sku, Instant claimExpiresAt) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new MailOutcome.OrderNotFound();
        }
        if (erased(found.get())) {
            return new MailOutcome.Mailed(Map.of());
        }
        Order order = found.get();
        return switch (order.status()) {
            case HELD -> send(List.of(Notification.transactional(NotificationKind.WAITLIST_CLAIM_OFFERED,
                    order.buyerEmail(), "Your waitlist claim for " + sku + " (order " + order.orderId() + ")",
                    claimModel(order, sku, claimExpiresAt))));
            // Redeemed, expired or released already: the offer is over, and a mail would only mislead.
            case PAID, EXPIRED, CANCELLED, REFUNDED, RESERVED, BALANCE_DUE -> new MailOutcome.Mailed(Map.of());
        };
    }

    /**
     * {@code PickupReady}: hub staff made a paid pickup order ready; the buyer gets the code they show at the counter
     * (the one stored on the order when it was made ready). A refund since, or an order not ready: no mail.
     */
    public MailOutcome pickupReady(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new MailOutcome.OrderNotFound();
        }
        if (erased(found.get())) {
            return new MailOutcome.Mailed(Map.of());
        }
        Order order = found.get();
        if (order.status() != OrderStatus.PAID || order.handover().readyAt() == null
                || !(order.fulfilment() instanceof Fulfilment.Pickup pickup)) {
            return new MailOutcome.Mailed(Map.of());
        }
        return send(List.of(Notification.transactional(NotificationKind.PICKUP_READY, order.buyerEmail(),
                "Ready for pickup: order " + order.orderId(), pickupModel(order, pickup))));
    }

    /**
     * {@code PickupCollected} or {@code OrderShipped}: the buyer has their order; the survey asks how likely they are to
     * recommend the shop. A refund since, an order not handed over, or no survey page: no mail.
     */
    public MailOutcome handedOver(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new MailOutcome.OrderNotFound();
        }
        Order order = found.get();
        Instant handedOverAt = order.handover().collectedAt() != null ? order.handover().collectedAt()
                : order.handover().shippedAt();
        if (survey.isEmpty() || erased(order) || order.status() != OrderStatus.PAID || handedOverAt == null) {
            return new MailOutcome.Mailed(Map.of());
        }
        String token = survey.get().tokens().issue(order.dropId(), order.buyerId(),
                handedOverAt.plus(SurveyTokens.LINK_LIFETIME));
        Map<String, Object> model = base(order);
        model.put("scores", java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(score -> Map.<String, Object>of(
                "score", score, "url", survey.get().page() + "?token=" + token + "&score=" + score)).toList());
        return send(List.of(Notification.transactional(NotificationKind.DROP_SURVEY, order.buyerEmail(),
                "How was your order " + order.orderId() + "?", model)));
    }

    /**
     * The buyer had the shop erase their data (docs/audience.md): the order keeps its amounts but no address to mail,
     * and an event about it that comes later (a redelivery, a pickup made ready) mails nobody.
     */
    private static boolean erased(Order order) {
        return order.buyerEmail() == null;
    }

    /** The mails for a paid order; a switch, so a new status needs a decision here. */
    List<Notification> paidMails(Order order) {
        return switch (order.status()) {
            case PAID -> {
                yield List.of(Notification.transactional(NotificationKind.ORDER_RECEIPT, order.buyerEmail(),
                        "Your receipt for order " + order.orderId(), receiptModel(order)));
            }
            // Refunded or cancelled since: a receipt now would contradict the refund the buyer was told about.
            case REFUNDED, CANCELLED, EXPIRED -> List.of();
            // The payment is written before its event and the read is consistent: as unexpected as for fulfilment.
            case HELD, RESERVED, BALANCE_DUE -> throw new IllegalStateException(
                    "order " + order.orderId() + " is still " + order.status() + " although an OrderPaid event names it");
        };
    }

    private MailOutcome send(List<Notification> mails) {
        if (mails.isEmpty()) {
            return new MailOutcome.Mailed(Map.of());
        }
        if (!pacing.admit(mails.size())) {
            return new MailOutcome.Throttled();
        }
        Map<NotificationKind, SendOutcome> outcomes = new LinkedHashMap<>();
        for (Notification mail : mails) {
            outcomes.put(mail.kind(), notifier.send(mail));
        }
        return new MailOutcome.Mailed(outcomes);
    }

    private Map<String, Object> receiptModel(Order order) {
        Map<String, Object> model = base(order);
        model.put("lines", order.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(),
                "quantity", l.quantity(), "unitPrice", money(l.unitPrice()), "total", money(l.total()))).toList());
        model.put("amount", money(order.amount()));
        switch (order.fulfilment()) {
            case Fulfilment.Ship ship -> model.put("ship", Map.of("name", ship.address().name(),
                    "city", ship.address().city(), "country", ship.address().country()));
            case Fulfilment.Pickup pickup -> model.put("pickup", Map.of("hubId", pickup.hubId()));
        }
        return model;
    }

    private Map<String, Object> pickupModel(Order order, Fulfilment.Pickup pickup) {
        Map<String, Object> model = base(order);
        model.put("hubId", pickup.hubId());
        if (pickup.slotId() != null) {
            model.put("slotId", pickup.slotId());
        }
        model.put("pickupCode", order.handover().pickupCode());
        model.put("units", order.units());
        return model;
    }

    private Map<String, Object> claimModel(Order order, String sku, Instant claimExpiresAt) {
        Map<String, Object> model = base(order);
        model.put("sku", sku);
        model.put("units", order.units());
        model.put("deadline", DEADLINE.format(claimExpiresAt));
        model.put("deadlineIso", claimExpiresAt.toString());
        return model;
    }

    private Map<String, Object> base(Order order) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("orderId", order.orderId());
        model.put("dropId", order.dropId());
        model.put("storefrontUrl", storefront.toString());
        return model;
    }

    /** {@code 12.50 EUR}: the currency's own number of decimals. */
    static String money(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        return BigDecimal.valueOf(money.minorUnits(), digits).toPlainString() + " " + money.currency().getCurrencyCode();
    }
}
