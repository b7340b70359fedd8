package dev.microdrop.core.testing;

import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.merchant.WaitlistRow;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Waitlist} port in memory, for the core's unit tests. {@code WaitlistContract} runs the same cases
 * against it and against {@code DynamoDbWaitlist} on DynamoDB Local, so the two cannot drift apart. The events an
 * offer writes are kept in {@link #events()}.
 */
public final class InMemoryWaitlist implements Waitlist {

    private enum Status { WAITING, OFFERED, SKIPPED }

    private final Set<String> marks = new HashSet<>();
    private final Map<String, Status> status = new HashMap<>();
    private final List<WaitlistEntry> entries = new ArrayList<>();
    private final Map<String, Order> claims = new HashMap<>();
    private final List<DomainEvent> events = new ArrayList<>();

    @Override
    public synchronized boolean join(WaitlistEntry entry) {
        if (!marks.add(entry.dropId() + "#" + entry.sku() + "#" + entry.buyerId().value())) {
            return false;
        }
        entries.add(entry);
        status.put(key(entry), Status.WAITING);
        return true;
    }

    @Override
    public synchronized List<WaitlistEntry> waiting(String dropId, String sku, int limit) {
        return entries.stream()
                .filter(e -> e.dropId().equals(dropId) && e.sku().equals(sku) && status.get(key(e)) == Status.WAITING)
                .sorted(Comparator.comparing(WaitlistEntry::joinedAt).thenComparing(e -> e.buyerId().value()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean offered(WaitlistEntry entry, Order order, DomainEvent.WaitlistClaimOffered event) {
        if (status.get(key(entry)) != Status.WAITING) {
            return false;
        }
        status.put(key(entry), Status.OFFERED);
        claims.put(entry.dropId() + "#" + entry.buyerId().value(), order);
        events.add(event);
        return true;
    }

    @Override
    public synchronized void backInStock(DomainEvent.BackInStock event) {
        if (events.stream().noneMatch(e -> e.eventId().equals(event.eventId()))) {
            events.add(event);
        }
    }

    @Override
    public synchronized void skip(WaitlistEntry entry, String why) {
        status.put(key(entry), Status.SKIPPED);
    }

    @Override
    public synchronized Optional<Order> claim(String dropId, String buyerId) {
        return Optional.ofNullable(claims.get(dropId + "#" + buyerId));
    }

    /** The lines of these SKUs as the merchant sees them: buyer ids, status, the claim's order; no e-mail. */
    public synchronized List<WaitlistRow> rows(String dropId, List<String> skus) {
        List<WaitlistRow> rows = new ArrayList<>();
        for (WaitlistEntry entry : entries) {
            if (entry.dropId().equals(dropId) && skus.contains(entry.sku())) {
                Order claim = status.get(key(entry)) == Status.OFFERED
                        ? claims.get(entry.dropId() + "#" + entry.buyerId().value()) : null;
                rows.add(new WaitlistRow(entry.sku(), entry.buyerId().value(), status.get(key(entry)).name(),
                        claim == null ? null : claim.orderId()));
            }
        }
        return rows;
    }

    /** The buyer's places, in the order they joined, each with its status (for {@code InMemoryBuyerRecords}). */
    public synchronized List<BuyerRecords.Place> placesOf(BuyerId buyer) {
        return entries.stream().filter(e -> e.buyerId().equals(buyer))
                .map(e -> new BuyerRecords.Place(e, status.get(key(e)).name())).toList();
    }

    /**
     * Erases the buyer's places: no e-mail, the address erased, a waiting place skipped (an erased buyer is offered
     * nothing). How many places still had an e-mail.
     */
    public synchronized int erase(BuyerId buyer) {
        int erased = 0;
        for (int i = 0; i < entries.size(); i++) {
            WaitlistEntry entry = entries.get(i);
            if (entry.buyerId().equals(buyer) && entry.buyerEmail() != null) {
                entries.set(i, entry.withoutPersonalData());
                status.computeIfPresent(key(entry), (k, s) -> s == Status.WAITING ? Status.SKIPPED : s);
                erased++;
            }
        }
        return erased;
    }

    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }

    private static String key(WaitlistEntry entry) {
        return entry.dropId() + "#" + entry.sku() + "#" + entry.joinedAt().toEpochMilli() + "#" + entry.buyerId().value();
    }
}
