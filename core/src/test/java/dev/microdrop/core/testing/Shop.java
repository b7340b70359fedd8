package dev.microdrop.core.testing;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.RequestedLine;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.stock.Contention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buyer's doors over in-memory ports, for the core's use-case tests: one drop published at {@link #NOW}, a drop
 * cache with a long window (so a test decides when it is stale), a clock the test moves, and no sleeping between
 * retries.
 */
public final class Shop {

    public static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    public static final byte[] KEY = "shop-test-key-shop-test-key".getBytes(StandardCharsets.UTF_8);
    public static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));

    public final MutableClock clock = new MutableClock(NOW);
    public final InMemoryTable inventory = new InMemoryTable(clock);
    public final InMemoryWaitlist waitlist = new InMemoryWaitlist();
    public final RecordingPayments payments = new RecordingPayments();
    public final CachedDropReader drops = new CachedDropReader(inventory, clock, Duration.ofHours(1));
    public final List<Long> sleeps = new ArrayList<>();
    public final BuyerDoors doors;

    public Shop(Drop drop) {
        inventory.publish(drop, NOW);
        doors = BuyerDoors.of(drops, inventory, waitlist, payments, KEY, new Contention(8, sleeps::add), clock);
    }

    public static BuyerId buyer(String name) {
        return new BuyerIds(KEY).of(name + "@example.com");
    }

    /** An access token for the buyer, valid for an hour. */
    public String token(String name) {
        return new AccessTokens(KEY).issue(Drops.DROP, buyer(name), clock.instant().plus(Duration.ofHours(1)));
    }

    /** An access token of a later layer ({@code past-buyers}, {@code audience}) for the buyer, valid for an hour. */
    public String token(String name, String layer) {
        return new AccessTokens(KEY).issue(Drops.DROP, buyer(name), clock.instant().plus(Duration.ofHours(1)), layer);
    }

    /** A valid command: {@code name}@example.com asks for the lines (SKU, quantity, SKU, quantity...). */
    public static CheckoutCommand command(String key, String name, Fulfilment fulfilment, Object... lines) {
        List<RequestedLine> requested = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            requested.add(new RequestedLine((String) lines[i], (Integer) lines[i + 1]));
        }
        return ((Validated.Valid<CheckoutCommand>) CheckoutCommand.of(key, Drops.DROP, requested,
                name + "@example.com", fulfilment)).value();
    }

    public static CheckoutCommand command(String key, String name, Object... lines) {
        return command(key, name, SHIP, lines);
    }
}
