package dev.microdrop.shop;

import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerExport;
import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.audience.ErasureOutcome;
import dev.microdrop.core.audience.MemberExport;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The privacy doors' JSON answers (docs/openapi.yaml, tag shop): the export and what an erasure did. */
final class PrivacyAnswers {

    private PrivacyAnswers() {
    }

    /** The answer to a privacy request: the link is mailed (to the address, whether or not it is known). */
    record Mailed(String request, String state) {
    }

    record Export(Member member, List<Store> stores) {
    }

    record Member(String email, String state, String consentTextVersion, Instant signedUpAt, Instant confirmedAt,
                  Instant unsubscribedAt, Set<String> interests, String homeHubId, Instant erasedAt) {
    }

    record Store(String store, List<OrderAnswer> orders, List<Place> waitlist, List<Pass> insiderPasses) {
    }

    record OrderAnswer(String orderId, String dropId, String email, String status, String kind, Instant createdAt,
                       String currency, long amount, Long deposit, List<Line> lines, Delivery fulfilment,
                       HandoverAnswer handover) {
    }

    record Line(String sku, int quantity, long unitPrice) {
    }

    record Delivery(String type, String hubId, String slotId, Address address) {
    }

    record HandoverAnswer(Instant readyAt, Instant collectedAt, Instant shippedAt, String carrier,
                          String trackingNumber) {
    }

    record Place(String dropId, String sku, String email, int quantity, String status, Instant joinedAt,
                 Delivery fulfilment) {
    }

    record Pass(String dropId, Instant issuedAt) {
    }

    record Erasure(String audience, List<StoreErasure> stores) {
    }

    record StoreErasure(String store, Map<String, Integer> erased) {
    }

    static Export export(BuyerExport export) {
        return new Export(export.member().map(PrivacyAnswers::member).orElse(null),
                export.stores().stream().map(PrivacyAnswers::store).toList());
    }

    static Erasure erasure(ErasureOutcome audience, List<BuyerErasure.Erased> stores) {
        String state = switch (audience) {
            case ErasureOutcome.Erased erased -> "erased";
            case ErasureOutcome.AlreadyErased already -> "already-erased";
            case ErasureOutcome.NotAMember none -> "not-a-member";
        };
        return new Erasure(state, stores.stream().map(s -> new StoreErasure(s.store(), s.recordsByKind())).toList());
    }

    private static Member member(MemberExport m) {
        return new Member(m.email(), m.state().name().toLowerCase(Locale.ROOT), m.consentTextVersion(),
                m.signedUpAt(), m.confirmedAt(), m.unsubscribedAt(), m.interests(), m.homeHubId(), m.erasedAt());
    }

    private static Store store(BuyerRecords.Kept kept) {
        return new Store(kept.store(), kept.orders().stream().map(PrivacyAnswers::order).toList(),
                kept.waitlist().stream().map(p -> new Place(p.entry().dropId(), p.entry().sku(), p.entry().buyerEmail(),
                        p.entry().quantity(), p.status().toLowerCase(Locale.ROOT), p.entry().joinedAt(),
                        delivery(p.entry().fulfilment()))).toList(),
                kept.insiderPasses().stream().map(p -> new Pass(p.dropId(), p.issuedAt())).toList());
    }

    private static OrderAnswer order(Order o) {
        Handover h = o.handover();
        return new OrderAnswer(o.orderId(), o.dropId(), o.buyerEmail(), o.status().name().toLowerCase(Locale.ROOT),
                o.kind().name().toLowerCase(Locale.ROOT), o.createdAt(), o.amount().currency().getCurrencyCode(),
                o.amount().minorUnits(), o.deposit() == null ? null : o.deposit().minorUnits(),
                o.lines().stream().map(PrivacyAnswers::line).toList(), delivery(o.fulfilment()),
                h.equals(Handover.NONE) ? null : new HandoverAnswer(h.readyAt(), h.collectedAt(), h.shippedAt(),
                        h.carrier(), h.trackingNumber()));
    }

    private static Line line(OrderLine line) {
        return new Line(line.sku(), line.quantity(), line.unitPrice().minorUnits());
    }

    private static Delivery delivery(Fulfilment fulfilment) {
        return switch (fulfilment) {
            case Fulfilment.Pickup p -> new Delivery("pickup", p.hubId(), p.slotId(), null);
            case Fulfilment.Ship s -> new Delivery("ship", null, null, s.address());
        };
    }
}
