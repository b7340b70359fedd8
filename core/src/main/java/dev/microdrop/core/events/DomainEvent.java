package dev.microdrop.core.events;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a drop, published on the event bus through the table's outbox. Ids only, never personal
 * data: a consumer that needs the order reads it. Every event carries a deterministic {@code eventId}
 * (one transition of one order happens once), so consumers dedupe by it.
 */
public sealed interface DomainEvent {

    String eventId();

    Instant occurredAt();

    String dropId();

    /** The EventBridge {@code detail-type}, e.g. {@code OrderPaid}. */
    default String type() {
        return getClass().getSimpleName();
    }

    record Line(String sku, int quantity) {
    }

    record OrderHeld(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                     List<Line> lines, long amountMinorUnits, String currency, Instant holdExpiresAt,
                     String fulfilmentType) implements DomainEvent {
    }

    record OrderPaid(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                     List<Line> lines, long amountMinorUnits, String currency, String fulfilmentType,
                     boolean late) implements DomainEvent {
    }

    record OrderExpired(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines)
            implements DomainEvent {
    }

    record OrderCancelled(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines,
                          String reason) implements DomainEvent {
    }

    record OrderRefunded(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines,
                         boolean restocked, String reason) implements DomainEvent {
    }

    record StockLow(String eventId, Instant occurredAt, String dropId, String sku, int available, int threshold)
            implements DomainEvent {
    }

    record SoldOut(String eventId, Instant occurredAt, String dropId, String sku) implements DomainEvent {
    }

    /**
     * Units of a SKU that came back are on sale to everyone: the waitlist was offered them first and its line ended
     * empty, and {@code available} units were left, as read after the claims (the drop open, not paused, the SKU in
     * no insiders' flash window). The shop tells its audience when the SKU had sold out. The id derives from the
     * SKU's counters then ({@code evt_backinstock_<dropId>_<sku>_<released>_<held>_<sold>}), so a redelivered
     * units-back event that finds the same counters writes it once.
     */
    record BackInStock(String eventId, Instant occurredAt, String dropId, String sku, String productName,
                       String variantName, int available) implements DomainEvent {
    }

    /**
     * A waitlisted buyer was offered a claim: {@code orderId} holds their units until {@code claimExpiresAt}. The
     * buyer redeems it by checking out again (same drop, same e-mail) before then.
     */
    record WaitlistClaimOffered(String eventId, Instant occurredAt, String dropId, String sku, String orderId,
                                String buyerId, Instant claimExpiresAt) implements DomainEvent {
    }

    /**
     * The merchant paused sales: from this moment no checkout holds stock of the drop. Holds already made can still
     * be paid or expire; waves still release. One per pause that changed something (a repeated pause emits none).
     */
    record DropPaused(String eventId, Instant occurredAt, String dropId) implements DomainEvent {
    }

    /**
     * The merchant resumed sales. {@code units} are the units on sale again per SKU, as read when resuming (SKUs
     * with none left out), so the waitlist can offer them.
     */
    record DropResumed(String eventId, Instant occurredAt, String dropId, List<Line> units) implements DomainEvent {
    }

    /**
     * What a pause ({@code paused}) or a resume that changed something tells, one id per drop and instant: a resume
     * names the units on sale again per SKU ({@code availableBySku} as read), SKUs with none left out, so the
     * waitlist can offer them.
     */
    static DomainEvent pausedOrResumed(String dropId, boolean paused, java.util.Map<String, Integer> availableBySku,
            Instant now) {
        String type = paused ? "DropPaused" : "DropResumed";
        String eventId = "evt_" + dropId + "_" + type + "_" + now.toEpochMilli();
        return paused ? new DropPaused(eventId, now, dropId)
                : new DropResumed(eventId, now, dropId, availableBySku.entrySet().stream()
                        .filter(e -> e.getValue() > 0).map(e -> new Line(e.getKey(), e.getValue())).toList());
    }

    /** A wave of the drop's staged release put {@code units} on sale (per SKU, only SKUs that got units). */
    record WaveReleased(String eventId, Instant occurredAt, String dropId, int wave, List<Line> units)
            implements DomainEvent {

        /** The same release with the units it put on sale, as the write found them: SKUs that got none left out. */
        public WaveReleased withUnits(java.util.Map<String, Integer> released) {
            return new WaveReleased(eventId, occurredAt, dropId, wave, released.entrySet().stream()
                    .filter(e -> e.getValue() > 0).map(e -> new Line(e.getKey(), e.getValue())).toList());
        }
    }

    /**
     * A pre-order was placed: {@code lines} take units of the drop's pre-order capacity (no stock) until the
     * deposit is paid or {@code holdExpiresAt} passes. The relay schedules its expiry, as for an OrderHeld.
     */
    record PreorderPlaced(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                          List<Line> lines, long amountMinorUnits, long depositMinorUnits, String currency,
                          Instant holdExpiresAt, String fulfilmentType) implements DomainEvent {
    }

    /** A pre-order's deposit was paid: it waits for the merchant to confirm or cancel the run. */
    record PreorderReserved(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines,
                            long depositMinorUnits, String currency) implements DomainEvent {
    }

    /**
     * The merchant confirmed the run: the buyer now owes {@code balanceMinorUnits}, payable on the intent
     * {@code GET /orders/{orderId}} shows. A storefront asks the buyer to pay.
     */
    record PreorderConfirmed(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                             long balanceMinorUnits, String currency) implements DomainEvent {
    }

    /** The merchant cancelled the run: the pre-order's deposit was refunded and its capacity given back. */
    record PreorderCancelled(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines,
                             long refundedMinorUnits, String currency) implements DomainEvent {
    }

    /**
     * A pre-order left before it was fulfilled otherwise than by the merchant's cancellation: its deposit hold
     * expired ({@code status} {@code EXPIRED}), its deposit failed ({@code CANCELLED}) or a payment was refunded
     * ({@code REFUNDED}). Its capacity went back to the drop's pre-orders; no stock moved, so it is not "units back".
     */
    record PreorderReleased(String eventId, Instant occurredAt, String dropId, String orderId, List<Line> lines,
                            String status, String reason) implements DomainEvent {
    }

    /**
     * A verified provider event named an order but was not that order's payment (another intent, another
     * amount, another currency, or a partial refund): it was recorded and changed nothing. The merchant looks into
     * it; {@code reason} is one of {@code PaymentMatch.Reason}'s codes. Amounts in minor units; {@code
     * receivedCurrency} as the provider sent it (upper-cased), null when it sent none.
     */
    record PaymentRejected(String eventId, Instant occurredAt, String dropId, String orderId,
                           String providerEventId, String paymentEvent, String reason, String intentId,
                           long receivedMinorUnits, String receivedCurrency, long expectedMinorUnits,
                           String expectedCurrency) implements DomainEvent {
    }
    /**
     * A paid pickup order was made ready at hub {@code hubId} (in slot {@code slotId}, or null: any time the hub is
     * open). The buyer collects it with the pickup code {@code GET /orders/{orderId}} shows them; the code is never
     * in an event. Once per order.
     */
    record PickupReady(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                       String hubId, String slotId) implements DomainEvent {
    }

    /**
     * A paid shipment left with {@code carrier} (the tracking number is on the order, which the buyer reads; it is
     * not in the event). Once per order.
     */
    record OrderShipped(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                        String carrier) implements DomainEvent {
    }

    /**
     * The merchant published the drop, or published it again with changes: what the shop needs to plan around it
     * (its loyalty passes, its calendar). {@code earlyAccessOpensAt} is null for a drop without early access;
     * {@code storefrontUrl} where buyers open it, null when the manifest names none. {@code totalUnits} counts every
     * SKU's units. {@code interests} are the audience's interests the drop is for (the manifest's tags, sorted; empty
     * when it names none). One per publish.
     */
    record DropPublished(String eventId, Instant occurredAt, String dropId, String name, Instant earlyAccessOpensAt,
                         Instant opensAt, Instant closesAt, int totalUnits, List<String> hubIds, String storefrontUrl,
                         List<AccessLayer> accessLayers, List<String> interests)
            implements DomainEvent {

        public DropPublished {
            hubIds = List.copyOf(hubIds);
            accessLayers = List.copyOf(accessLayers);
            interests = List.copyOf(interests);
        }

        /** A drop that names no interests. */
        public DropPublished(String eventId, Instant occurredAt, String dropId, String name, Instant earlyAccessOpensAt,
                Instant opensAt, Instant closesAt, int totalUnits, List<String> hubIds, String storefrontUrl,
                List<AccessLayer> accessLayers) {
            this(eventId, occurredAt, dropId, name, earlyAccessOpensAt, opensAt, closesAt, totalUnits, hubIds,
                    storefrontUrl, accessLayers, List.of());
        }

        /** A drop without later layers of early access. */
        public DropPublished(String eventId, Instant occurredAt, String dropId, String name, Instant earlyAccessOpensAt,
                Instant opensAt, Instant closesAt, int totalUnits, List<String> hubIds, String storefrontUrl) {
            this(eventId, occurredAt, dropId, name, earlyAccessOpensAt, opensAt, closesAt, totalUnits, hubIds,
                    storefrontUrl, List.of());
        }

        /** When the drop's first sale begins: its early access, or its public opening without one. */
        public Instant firstSaleAt() {
            return earlyAccessOpensAt == null ? opensAt : earlyAccessOpensAt;
        }

        /** When a later layer ({@code past-buyers}, {@code audience}) gets in, if the drop has it. */
        public java.util.Optional<Instant> layerOpensAt(String layer) {
            return accessLayers.stream().filter(l -> l.layer().equals(layer)).map(AccessLayer::opensAt).findFirst();
        }
    }

    /** A later layer of a drop's early access and when it opens. */
    record AccessLayer(String layer, Instant opensAt) {
    }

    /** The event publishing {@code drop} at {@code now} writes beside it. */
    static DropPublished dropPublished(dev.microdrop.core.drop.Drop drop, Instant now) {
        return new DropPublished("evt_" + drop.dropId() + "_DropPublished_" + now.toEpochMilli(), now, drop.dropId(),
                drop.name(), drop.insiders() == null ? null : drop.insiders().opensAt(), drop.opensAt(),
                drop.closesAt(), drop.skus().stream().mapToInt(dev.microdrop.core.drop.Sku::totalUnits).sum(),
                drop.hubs().stream().map(dev.microdrop.core.drop.PickupHub::hubId).toList(),
                drop.listing() == null ? null : drop.listing().storefrontUrl(),
                drop.insiders() == null ? List.of() : drop.insiders().layers().stream()
                        .map(l -> new AccessLayer(l.name(), l.opensAt())).toList(),
                drop.listing().interests());
    }

    /** The buyer collected a ready pickup order at hub {@code hubId}, showing its code. Once per order. */
    record PickupCollected(String eventId, Instant occurredAt, String dropId, String orderId, String buyerId,
                           String hubId) implements DomainEvent {
    }
}
