package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.merchant.MerchantDoors;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.http.Routes;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant API's door under {@code /merchant/}, never reachable by buyers: every request names its merchant
 * (a Cognito sign-in token when deployed, a bearer key locally and for scripts; {@link MerchantAuth}) and sees only
 * that merchant's drops (another merchant's drop answers 404, like a missing one). It authenticates, finds the drop
 * the path names, and routes; each operation lives in its own class: {@link PublishRoutes}, {@link StockRoutes},
 * {@link InsiderTokens}, {@link RunRoutes}, {@link ReportRoutes}, {@link ViewRoutes}, {@link HandoverRoutes}.
 */
public final class MerchantHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(MerchantHandler.class);
    private static final String DROP = "/merchant/drops/{dropId}";

    /** An operation on one of the merchant's drops, found and checked to be theirs. */
    @FunctionalInterface
    private interface DropRoute {
        APIGatewayV2HTTPResponse handle(DropSnapshot snapshot, HttpRequest request, Map<String, String> path);
    }

    private final MerchantAuth auth;
    private final MerchantDoors doors;
    private final DropReader drops;
    private final Responses responses;
    private final Routes<String> routes;

    MerchantHandler(MerchantAuth auth, MerchantDoors doors, DropReader drops, Responses responses) {
        this.auth = auth;
        this.doors = doors;
        this.drops = drops;
        this.responses = responses;
        MerchantBodies bodies = new MerchantBodies(responses);
        InsiderTokens insiders = new InsiderTokens(doors.insiders(), responses, bodies);
        StockRoutes stock = new StockRoutes(doors.adjusting(), doors.flashRestock(), doors.pausing(), responses, bodies);
        PublishRoutes publishing = new PublishRoutes(doors.publishing(), doors.closing(), responses);
        RunRoutes runs = new RunRoutes(doors.waves(), doors.preorderRuns(), responses);
        ReportRoutes reports = new ReportRoutes(doors.orders(), doors.report(), doors.reconciling(), responses);
        ViewRoutes views = new ViewRoutes(doors.drops(), doors.sales(), doors.ledger(), responses);
        HandoverRoutes handovers = new HandoverRoutes(doors.handovers(), responses, bodies);
        this.routes = Routes.<String>builder()
                .get("/merchant/drops", (merchant, request, path) -> views.drops(merchant))
                .post("/merchant/drops", (merchant, request, path) -> publishing.publish(merchant, request))
                .post(DROP + "/close", owned((drop, request, path) -> publishing.close(drop)))
                .post(DROP + "/pause", owned((drop, request, path) -> stock.pausedOrResumed(id(drop), true)))
                .post(DROP + "/resume", owned((drop, request, path) -> stock.pausedOrResumed(id(drop), false)))
                .post(DROP + "/stock", owned((drop, request, path) -> stock.adjust(drop, request)))
                .post(DROP + "/flash-restock", owned((drop, request, path) -> stock.flashRestock(drop, request)))
                .post(DROP + "/insiders", owned((drop, request, path) -> insiders.insiders(drop, request)))
                .post(DROP + "/preorders/confirm", owned((drop, request, path) -> runs.preorderRun(drop.drop(), true)))
                .post(DROP + "/preorders/cancel", owned((drop, request, path) -> runs.preorderRun(drop.drop(), false)))
                .post(DROP + "/waves/{wave}/release", owned((drop, request, path) -> runs.release(drop, path.get("wave"))))
                .get(DROP + "/kpis", owned((drop, request, path) -> reports.kpisOf(drop)))
                .get(DROP + "/orders", owned((drop, request, path) -> reports.orders(drop, request.query())))
                .get(DROP + "/orders.csv", owned((drop, request, path) -> reports.csv(drop)))
                .get(DROP + "/reconcile", owned((drop, request, path) -> reports.reconcile(id(drop))))
                .get(DROP + "/sales", owned((drop, request, path) -> views.sales(drop, request.query())))
                .get(DROP + "/ledger", owned((drop, request, path) -> views.ledger(drop, request.query())))
                .post(DROP + "/orders/{orderId}/ready",
                        owned((drop, request, path) -> handovers.ready(id(drop), path.get("orderId"))))
                .post(DROP + "/orders/{orderId}/collected",
                        owned((drop, request, path) -> handovers.collected(id(drop), path.get("orderId"), request)))
                .post(DROP + "/orders/{orderId}/shipped",
                        owned((drop, request, path) -> handovers.shipped(id(drop), path.get("orderId"), request)))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            HttpRequest request = HttpRequest.of(event);
            if (!request.path().startsWith("/merchant/")) {
                return responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
            }
            return auth.authenticated(request, responses, "The merchant API",
                    merchant -> routes.route(merchant, request, responses));
        } catch (RuntimeException e) {
            log.error("merchant request failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side.");
        }
    }

    /** The route, for the drop the path names if it exists and is this merchant's; 404 otherwise. */
    private Routes.Handler<String> owned(DropRoute route) {
        return (merchant, request, path) -> {
            String dropId = path.get("dropId");
            if (!Ids.isId(dropId)) {
                return responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
            }
            Optional<DropSnapshot> snapshot = drops.read(dropId);
            if (snapshot.isEmpty() || !doors.owns(merchant, dropId)) {
                return responses.problem(ProblemType.DROP_NOT_FOUND, "You have no drop " + dropId + ".");
            }
            return route.handle(snapshot.get(), request, path);
        };
    }

    private static String id(DropSnapshot snapshot) {
        return snapshot.drop().dropId();
    }
}
