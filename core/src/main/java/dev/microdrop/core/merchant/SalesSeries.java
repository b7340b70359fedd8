package dev.microdrop.core.merchant;

import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drop's sales over time, in buckets of one length, with its waves as markers: pure arithmetic over the orders the
 * merchant's views report. Buckets start at the drop's first sale (early access, else the opening) and run to
 * {@code now} or the close, whichever is first (on past the close to the last payment, when a late one came after
 * it); empty buckets are zeros, the last may be shorter than the others.
 *
 * <p>A sale counts in the bucket of its payment ({@code paidAt}), a hold in the bucket it was made in
 * ({@code createdAt}). Sales are orders {@code PAID} now, so refunds leave the series as they leave the KPIs: the
 * buckets' revenue sums to the KPIs' {@code revenueMinorUnits} and their units to the waves' {@code unitsSold}.
 *
 * @param points one per bucket, oldest first
 * @param waves  the wave plan, with when each wave went out and the units it released
 */
public record SalesSeries(Duration bucket, String currency, List<Point> points, List<WaveMark> waves) {

    public static final Duration SHORTEST_BUCKET = Duration.ofSeconds(10);
    public static final Duration LONGEST_BUCKET = Duration.ofDays(1);
    public static final int MOST_POINTS = 1_000;

    public SalesSeries {
        points = List.copyOf(points);
        waves = List.copyOf(waves);
    }

    /**
     * @param at                start of the bucket
     * @param unitsSold         units of checkouts paid in the bucket (pre-orders take no stock)
     * @param revenueMinorUnits what the orders paid in the bucket paid, pre-orders' included
     * @param holds             checkouts made in the bucket, whatever became of them
     * @param paid              orders paid in the bucket
     */
    public record Point(Instant at, int unitsSold, long revenueMinorUnits, int holds, int paid) {
    }

    /**
     * @param at            when the wave is due for everyone (the catalog's {@code waves[].at})
     * @param releasedAt    when its units went out (early access's start, for wave 1 of a drop with early access)
     * @param unitsReleased units it released so far, from the ledger
     */
    public record WaveMark(int wave, Instant at, Instant releasedAt, int unitsReleased) {
    }

    /** The bucket length {@code text} names: an ISO-8601 duration, {@link #SHORTEST_BUCKET} to {@link #LONGEST_BUCKET}. */
    public static Validated<Duration> bucket(String text) {
        String wanted = "must be an ISO-8601 duration from " + SHORTEST_BUCKET + " to " + LONGEST_BUCKET
                + " (e.g. PT1M, PT1H)";
        if (text == null || text.isBlank() || text.length() > 40) {
            return invalid(wanted);
        }
        Duration bucket;
        try {
            bucket = Duration.parse(text);
        } catch (DateTimeParseException e) {
            return invalid(wanted);
        }
        if (bucket.compareTo(SHORTEST_BUCKET) < 0 || bucket.compareTo(LONGEST_BUCKET) > 0 || bucket.getNano() != 0) {
            return invalid(wanted + ", in whole seconds");
        }
        return new Validated.Valid<>(bucket);
    }

    /**
     * The series of {@code drop} at {@code now}, or why not: more than {@link #MOST_POINTS} buckets (the answer names
     * the shortest bucket that fits).
     */
    public static Validated<SalesSeries> of(Drop drop, List<OrderRow> orders, Map<Integer, Integer> releasedByWave,
            Duration bucket, Instant now) {
        Instant from = drop.firstSaleAt();
        Instant to = now.isBefore(drop.closesAt()) ? now : drop.closesAt();
        for (OrderRow order : orders) {
            // A payment that came after the close (a hold made before it) is a sale all the same.
            if (order.paidAt() != null && order.paidAt().isAfter(to) && !order.paidAt().isAfter(now)) {
                to = order.paidAt().plusMillis(1);
            }
        }
        long span = to.isAfter(from) ? Duration.between(from, to).toMillis() : 0;
        long size = bucket.toMillis();
        long count = (span + size - 1) / size;
        if (count > MOST_POINTS) {
            long fits = (span + MOST_POINTS * 1_000L - 1) / (MOST_POINTS * 1_000L);
            return invalid("gives " + count + " buckets from the first sale (" + from + ") to " + to + "; at most "
                    + MOST_POINTS + " are answered: ask for " + Duration.ofSeconds(Math.max(fits,
                    SHORTEST_BUCKET.toSeconds())) + " or longer");
        }
        int[] units = new int[(int) count];
        long[] revenue = new long[(int) count];
        int[] holds = new int[(int) count];
        int[] paid = new int[(int) count];
        for (OrderRow order : orders) {
            int held = index(from, order.createdAt(), size, count);
            if (!order.preorder() && held >= 0) {
                holds[held]++;
            }
            int sold = order.status() == OrderStatus.PAID ? index(from, order.paidAt(), size, count) : -1;
            if (sold >= 0) {
                paid[sold]++;
                revenue[sold] += order.amountMinorUnits();
                units[sold] += order.preorder() ? 0 : order.totalUnits();
            }
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new Point(from.plusMillis(i * size), units[i], revenue[i], holds[i], paid[i]));
        }
        List<WaveMark> waves = new ArrayList<>();
        for (Wave wave : drop.wavePlan().waves()) {
            waves.add(new WaveMark(wave.number(), wave.at(), drop.waveAt(wave.number()),
                    releasedByWave.getOrDefault(wave.number(), 0)));
        }
        return new Validated.Valid<>(new SalesSeries(bucket, drop.currency().getCurrencyCode(), points, waves));
    }

    /** The bucket {@code at} falls in, or -1 outside the series. */
    private static int index(Instant from, Instant at, long size, long count) {
        if (at == null || at.isBefore(from)) {
            return -1;
        }
        long i = Duration.between(from, at).toMillis() / size;
        return i < count ? (int) i : -1;
    }

    private static <T> Validated<T> invalid(String detail) {
        return new Validated.Invalid<>(List.of(new Violation("bucket", detail)));
    }
}
