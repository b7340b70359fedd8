package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.Drops;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sales in buckets, computed by hand: no I/O. */
class SalesSeriesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    /** Opened 17:50, early access from 17:45, wave 2 at 18:50. */
    private static final Drop DROP = Drops.at(NOW).opensIn(Duration.ofMinutes(-10))
            .insiders(Duration.ofMinutes(5), 2_000, 2).waves(2).sku("A", 20).build();

    @Test
    void salesCountAtTheirPayment_holdsAtTheirMaking_fromTheFirstSaleToNow_emptyBucketsIncluded() {
        List<OrderRow> orders = List.of(
                checkout("o1", OrderStatus.PAID, 2, "17:46:00", "17:47:00"),
                checkout("o2", OrderStatus.EXPIRED, 1, "17:49:59", null),
                checkout("o3", OrderStatus.PAID, 1, "17:50:00", "17:56:00"),
                checkout("o4", OrderStatus.REFUNDED, 1, "17:51:00", "17:52:00"),
                preorder("o5", OrderStatus.PAID, 3, "17:53:00", "17:58:00"));

        SalesSeries series = valid(SalesSeries.of(DROP, orders, Map.of(1, 10), Duration.ofMinutes(5), NOW));

        // 17:45 (early access) to 18:00 in 5 minutes: 3 buckets. o1 held and paid in the first, o2 held there too;
        // o3 and o4 held in the second (o3 at its very start), o4's sale undone by its refund; o3 paid in the third,
        // with the pre-order o5: its money counts, its units took no stock and it was no hold.
        assertThat(series.points()).containsExactly(
                new SalesSeries.Point(at("17:45:00"), 2, 5_000, 2, 1),
                new SalesSeries.Point(at("17:50:00"), 0, 0, 2, 0),
                new SalesSeries.Point(at("17:55:00"), 1, 2_500 + 9_000, 0, 2));
        assertThat(series.currency()).isEqualTo("EUR");
        assertThat(series.bucket()).isEqualTo(Duration.ofMinutes(5));
        assertThat(series.waves()).containsExactly(
                new SalesSeries.WaveMark(1, at("17:50:00"), at("17:45:00"), 10),
                new SalesSeries.WaveMark(2, at("18:50:00"), at("18:50:00"), 0));
    }

    @Test
    void theLastBucketMayBeShort() {
        SalesSeries series = valid(SalesSeries.of(DROP, List.of(checkout("o1", OrderStatus.PAID, 1, "17:59:59",
                "17:59:59")), Map.of(), Duration.ofMinutes(4), NOW));

        // 15 minutes in 4: 17:45, 17:49, 17:53, 17:57 (3 minutes long).
        assertThat(series.points()).extracting(SalesSeries.Point::at)
                .containsExactly(at("17:45:00"), at("17:49:00"), at("17:53:00"), at("17:57:00"));
        assertThat(series.points().get(3).unitsSold()).isEqualTo(1);
    }

    @Test
    void beforeTheFirstSale_thereAreNoBuckets() {
        Drop later = Drops.at(NOW).opensIn(Duration.ofHours(1)).sku("A", 5).build();

        assertThat(valid(SalesSeries.of(later, List.of(), Map.of(), Duration.ofMinutes(1), NOW)).points()).isEmpty();
    }

    @Test
    void aClosedDropsBucketsEndAtTheClose_orAtALatePaymentAfterIt() {
        Drop closed = Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).openFor(Duration.ofMinutes(20)).sku("A", 5)
                .build();
        // Opened 17:30, closed 17:50; a hold of 17:49 paid at 17:51:30.
        List<OrderRow> late = List.of(checkout("o1", OrderStatus.PAID, 1, "17:49:00", "17:51:30"));

        assertThat(valid(SalesSeries.of(closed, List.of(), Map.of(), Duration.ofMinutes(10), NOW)).points())
                .extracting(SalesSeries.Point::at).containsExactly(at("17:30:00"), at("17:40:00"));
        assertThat(valid(SalesSeries.of(closed, late, Map.of(), Duration.ofMinutes(10), NOW)).points())
                .containsExactly(new SalesSeries.Point(at("17:30:00"), 0, 0, 0, 0),
                        new SalesSeries.Point(at("17:40:00"), 0, 0, 1, 0),
                        new SalesSeries.Point(at("17:50:00"), 1, 2_500, 0, 1));
    }

    @Test
    void moreThanAThousandBuckets_areRefused_namingTheShortestBucketThatFits() {
        Drop long_ = Drops.at(NOW).opensIn(Duration.ofDays(-3)).openFor(Duration.ofDays(7)).sku("A", 5).build();

        Validated<SalesSeries> refused = SalesSeries.of(long_, List.of(), Map.of(), Duration.ofSeconds(10), NOW);

        // 3 days = 259,200 s: 25,920 buckets of 10 s; 1,000 buckets need 259.2 s each, so 260 s.
        assertThat(refused).isInstanceOfSatisfying(Validated.Invalid.class, invalid -> assertThat(
                ((Validated.Invalid<?>) invalid).violations()).singleElement().satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("bucket");
                    assertThat(v.detail()).contains("25920 buckets", "PT4M20S");
                }));
        assertThat(valid(SalesSeries.of(long_, List.of(), Map.of(), Duration.ofSeconds(260), NOW)).points())
                .hasSize(997);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT10S", "PT1M", "PT1H", "P1D", "PT90S"})
    void aBucketIsAnIsoDurationFromTenSecondsToADay(String bucket) {
        assertThat(SalesSeries.bucket(bucket)).isEqualTo(new Validated.Valid<>(Duration.parse(bucket)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PT9S", "P2D", "PT24H1S", "1m", "PT10.5S", "-PT1M", "PT0S", "60"})
    void anythingElse_isRefused(String bucket) {
        assertThat(SalesSeries.bucket(bucket)).isInstanceOfSatisfying(Validated.Invalid.class, invalid ->
                assertThat(((Validated.Invalid<?>) invalid).violations()).extracting(Violation::pointer)
                        .containsExactly("bucket"));
    }

    private static SalesSeries valid(Validated<SalesSeries> series) {
        assertThat(series).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<SalesSeries>) series).value();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-02T" + time + "Z");
    }

    private static OrderRow checkout(String id, OrderStatus status, int units, String created, String paid) {
        return new OrderRow(id, Drops.DROP, "b_" + id, status, 2_500L * units, "EUR", Map.of("A", units), at(created),
                paid == null ? null : at(paid), null, null);
    }

    private static OrderRow preorder(String id, OrderStatus status, int units, String created, String paid) {
        return new OrderRow(id, Drops.DROP, "b_" + id, status, 3_000L * units, "EUR", Map.of("A", units), at(created),
                paid == null ? null : at(paid), null, null, true);
    }
}
