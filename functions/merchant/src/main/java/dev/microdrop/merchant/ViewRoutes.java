package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.DropLedger;
import dev.microdrop.core.merchant.DropSales;
import dev.microdrop.core.merchant.LedgerEntry;
import dev.microdrop.core.merchant.MerchantDrops;
import dev.microdrop.core.merchant.SalesSeries;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the merchant's dashboard reads: their drops, a drop's sales over time, its inventory ledger. */
final class ViewRoutes {

    /** The bucket when {@code ?bucket=} is left out. */
    static final String DEFAULT_BUCKET = "PT1H";

    private final MerchantDrops drops;
    private final DropSales sales;
    private final DropLedger ledger;
    private final Responses responses;

    ViewRoutes(MerchantDrops drops, DropSales sales, DropLedger ledger, Responses responses) {
        this.drops = drops;
        this.sales = sales;
        this.ledger = ledger;
        this.responses = responses;
    }

    /** One of the merchant's drops in {@code GET /merchant/drops}. */
    record DropJson(String dropId, String name, String state, Instant opensAt, Instant closesAt, String currency,
                    int totalUnits, int unitsReleased, int unitsSold) {

        static DropJson of(MerchantDrops.Row row) {
            return new DropJson(row.dropId(), row.name(), row.state().spelling(), row.opensAt(), row.closesAt(),
                    row.currency(), row.totalUnits(), row.unitsReleased(), row.unitsSold());
        }
    }

    /** {@code GET .../sales}: {@link SalesSeries}, the bucket as the ISO-8601 duration it was asked as. */
    record SalesJson(String bucket, String currency, List<SalesSeries.Point> points, List<SalesSeries.WaveMark> waves) {

        static SalesJson of(SalesSeries series) {
            return new SalesJson(series.bucket().toString(), series.currency(), series.points(), series.waves());
        }
    }

    /**
     * An entry of {@code GET .../ledger}: {@code change} is the SKU's available units' change, {@code balance} its
     * available units after it; {@code deltas} all four counters' changes.
     */
    record LedgerEntryJson(Instant at, String sku, int change, int balance, String movement, String reason,
                           String orderId, String hubId, Integer shard, Deltas deltas) {

        record Deltas(int released, int available, int held, int sold) {
        }

        static LedgerEntryJson of(DropLedger.Line line) {
            LedgerEntry e = line.entry();
            return new LedgerEntryJson(e.at(), e.sku(), e.dAvailable(), line.balance(), movement(e), e.reason(),
                    e.orderId(), e.hubId(), e.shard(), new Deltas(e.dReleased(), e.dAvailable(), e.dHeld(), e.dSold()));
        }

        /** {@code HOLD} → {@code hold}, {@code RELEASE_WAVE} → {@code release-wave}. */
        static String movement(LedgerEntry entry) {
            return entry.movement().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code GET /merchant/drops}: the merchant's published drops, by opening time. */
    APIGatewayV2HTTPResponse drops(String merchant) {
        return responses.json(200, Map.of("drops", drops.drops(merchant).stream().map(DropJson::of).toList()),
                Map.of("cache-control", "no-store"));
    }

    /** {@code GET .../sales?bucket=PT1M}. */
    APIGatewayV2HTTPResponse sales(DropSnapshot snapshot, Map<String, String> query) {
        String bucket = query == null ? null : query.get("bucket");
        return switch (sales.sales(snapshot.drop(), bucket == null ? DEFAULT_BUCKET : bucket)) {
            case Validated.Valid<SalesSeries> valid -> responses.json(200, SalesJson.of(valid.value()),
                    Map.of("cache-control", "no-store"));
            case Validated.Invalid<SalesSeries> invalid -> invalid("sales", invalid.violations());
        };
    }

    /** {@code GET .../ledger?limit=50&cursor=...}: newest first. */
    APIGatewayV2HTTPResponse ledger(DropSnapshot snapshot, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        return switch (ledger.page(snapshot.drop(), q.get("limit"), q.get("cursor"))) {
            case Validated.Valid<DropLedger.Page> valid -> {
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("entries", valid.value().lines().stream().map(LedgerEntryJson::of).toList());
                if (valid.value().next() != null) {
                    body.put("next", valid.value().next());
                }
                yield responses.json(200, body, Map.of("cache-control", "no-store"));
            }
            case Validated.Invalid<DropLedger.Page> invalid -> invalid("ledger", invalid.violations());
        };
    }

    private APIGatewayV2HTTPResponse invalid(String what, List<Violation> violations) {
        return responses.problem(ProblemType.INVALID_REQUEST, "The " + what + " request has " + violations.size()
                + (violations.size() == 1 ? " problem" : " problems") + "; see errors.", Map.of("errors", violations),
                Map.of());
    }
}
