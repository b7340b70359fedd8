package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.shop.ShopHistories;
import dev.microdrop.core.shop.ShopKpiCalculator;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Responses;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /shop/kpis}: the shop's numbers across its drops, for its merchant. Authenticated as the merchant API is
 * ({@link MerchantAuth}: a merchant key, or the merchant's sign-in token), then the shop's records folded into its
 * history and computed as of now: {@code ShopKpiCalculator.compute(ShopHistories.fold(records), now)}. The core
 * decides every figure; this only reads and answers.
 */
final class ShopKpiRoute {

    private static final Map<String, String> NO_STORE = Map.of("cache-control", "no-store");

    private final MerchantAuth auth;
    private final ShopRecords records;
    private final ShopKpiCalculator calculator = new ShopKpiCalculator();
    private final Responses responses;
    private final Clock clock;

    ShopKpiRoute(MerchantAuth auth, ShopRecords records, Responses responses, Clock clock) {
        this.auth = auth;
        this.records = records;
        this.responses = responses;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse get(HttpRequest request) {
        return auth.authenticated(request, responses, "The shop's KPIs", merchant -> responses.json(200,
                calculator.compute(ShopHistories.fold(records), clock.instant()), NO_STORE));
    }
}
