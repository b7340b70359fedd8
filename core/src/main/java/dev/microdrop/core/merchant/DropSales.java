package dev.microdrop.core.merchant;

import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.drop.Drop;
import java.time.Clock;
import java.time.Duration;

/** {@code GET .../sales}: a drop's units sold over time, in buckets, with its waves as markers ({@link SalesSeries}). */
public final class DropSales {

    private final MerchantViews views;
    private final Clock clock;

    public DropSales(MerchantViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    /** The series in buckets of {@code bucket} (an ISO-8601 duration), or what is wrong with the request. */
    public Validated<SalesSeries> sales(Drop drop, String bucket) {
        Validated<Duration> length = SalesSeries.bucket(bucket);
        if (length instanceof Validated.Invalid<Duration> invalid) {
            return new Validated.Invalid<>(invalid.violations());
        }
        Duration size = ((Validated.Valid<Duration>) length).value();
        return SalesSeries.of(drop, views.orders(drop.dropId()), views.releasedByWave(drop.dropId(), drop.skus()),
                size, clock.instant());
    }
}
