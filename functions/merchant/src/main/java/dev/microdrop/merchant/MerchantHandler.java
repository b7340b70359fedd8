package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.merchant.DropKpis;
import dev.microdrop.core.merchant.KpiCalculator;
import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.preorder.PreorderRuns;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Json;
import dev.microdrop.function.http.JsonBody;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPauses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import dev.microdrop.infrastructure.dynamodb.DynamoDbStockAdjustments;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant API under {@code /merchant/}, never reachable by buyers: every request names its merchant
 * (IAM on AWS, a bearer key locally) and sees only that merchant's drops (another merchant's drop answers 404,
 * like a missing one). KPIs, orders (JSON and CSV), "release wave now", pause and resume, and reconciliation.
 */
public final class MerchantHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(MerchantHandler.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_MANIFEST_BYTES = 256 * 1024;
    private static final Pattern DROP_ROUTE = Pattern.compile("/merchant/drops/([^/]+)(/.*)?");
    private static final Pattern RELEASE = Pattern.compile("/waves/([^/]*)/release");
    private static final Pattern WAVE_NUMBER = Pattern.compile("[1-9][0-9]{0,2}");

    private final MerchantAuth auth;
    private final DynamoDbMerchantViews views;
    private final DropReader drops;
    private final WaveService waves;
    private final DynamoDbReconciler reconciler;
    private final KpiCalculator kpis;
    private final BuyerIds buyerIds;
    private final AccessTokens accessTokens;
    private final DynamoDbDropPublisher publisher;
    private final DynamoDbStockAdjustments adjustments;
    private final DynamoDbDropPauses pauses;
    private final WaveScheduling scheduling;
    private final PreorderRuns preorderRuns;
    private final Clock clock;
    private final Responses responses;

    /** A handler whose pre-order routes are not wired (no payment provider): they answer 502. */
    MerchantHandler(MerchantAuth auth, DynamoDbMerchantViews views, DropReader drops, WaveService waves,
            DynamoDbReconciler reconciler, KpiCalculator kpis, BuyerIds buyerIds, AccessTokens accessTokens,
            DynamoDbDropPublisher publisher, DynamoDbStockAdjustments adjustments, DynamoDbDropPauses pauses,
            WaveScheduling scheduling, Clock clock, Responses responses) {
        this(auth, views, drops, waves, reconciler, kpis, buyerIds, accessTokens, publisher, adjustments, pauses,
                scheduling, null, clock, responses);
    }

    MerchantHandler(MerchantAuth auth, DynamoDbMerchantViews views, DropReader drops, WaveService waves,
            DynamoDbReconciler reconciler, KpiCalculator kpis, BuyerIds buyerIds, AccessTokens accessTokens,
            DynamoDbDropPublisher publisher, DynamoDbStockAdjustments adjustments, DynamoDbDropPauses pauses,
            WaveScheduling scheduling, PreorderRuns preorderRuns, Clock clock, Responses responses) {
        this.auth = auth;
        this.preorderRuns = preorderRuns;
        this.views = views;
        this.drops = drops;
        this.waves = waves;
        this.reconciler = reconciler;
        this.kpis = kpis;
        this.buyerIds = buyerIds;
        this.accessTokens = accessTokens;
        this.publisher = publisher;
        this.adjustments = adjustments;
        this.pauses = pauses;
        this.scheduling = scheduling;
        this.clock = clock;
        this.responses = responses;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            return handle(event, HttpRequest.of(event));
        } catch (RuntimeException e) {
            log.error("merchant request failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side.");
        }
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, HttpRequest request) {
        if (!request.path().startsWith("/merchant/")) {
            return responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
        }
        Optional<String> merchant = auth.merchant(event, request.header("authorization"));
        if (merchant.isEmpty()) {
            return responses.problem(ProblemType.UNAUTHORIZED, "The merchant API needs Authorization: Bearer <merchant key>.",
                    Map.of(), Map.of("www-authenticate", "Bearer"));
        }
        if (request.path().equals("/merchant/drops")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return publish(merchant.get(), request);
        }
        Matcher route = DROP_ROUTE.matcher(request.path());
        if (!route.matches() || !Ids.isId(route.group(1))) {
            return responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
        }
        String dropId = route.group(1);
        String rest = route.group(2) == null ? "" : route.group(2);
        Optional<DropSnapshot> snapshot = drops.read(dropId);
        if (snapshot.isEmpty() || !views.owner(dropId).map(merchant.get()::equals).orElse(false)) {
            return responses.problem(ProblemType.DROP_NOT_FOUND, "You have no drop " + dropId + ".");
        }
        if (rest.equals("/close")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            PublishResult closed = publisher.publish(snapshot.get().drop().closedAt(clock.instant()), clock.instant());
            return closed instanceof PublishResult.Refused refused
                    ? responses.problem(ProblemType.PUBLISH_REFUSED, "Not closed: " + String.join("; ", refused.reasons())
                            + ".", Map.of("reasons", refused.reasons()), Map.of())
                    : responses.json(200, Map.of("dropId", dropId, "closedAt", clock.instant().toString()),
                            Map.of("cache-control", "no-store"));
        }
        if (rest.equals("/pause") || rest.equals("/resume")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return pausedOrResumed(dropId, rest.equals("/pause"));
        }
        if (rest.equals("/stock")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return adjust(snapshot.get(), request);
        }
        if (rest.equals("/flash-restock")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return flashRestock(snapshot.get(), request);
        }
        if (rest.equals("/insiders")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return insiders(snapshot.get(), request);
        }
        if (rest.equals("/preorders/confirm") || rest.equals("/preorders/cancel")) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            return preorderRun(snapshot.get().drop(), rest.endsWith("/confirm"));
        }
        Matcher release = RELEASE.matcher(rest);
        if (release.matches()) {
            if (!request.method().equals("POST")) {
                return responses.methodNotAllowed(request.method(), List.of("POST"));
            }
            Optional<Integer> wave = waveNumber(snapshot.get().drop(), release.group(1));
            if (wave.isEmpty()) {
                List<Integer> numbers = snapshot.get().drop().wavePlan().waves().stream().map(w -> w.number()).toList();
                return responses.problem(ProblemType.WAVE_NOT_FOUND, "Drop " + dropId + " has no wave \""
                        + printable(release.group(1)) + "\": its waves are numbered " + numbers + ".",
                        Map.of("waves", numbers), Map.of());
            }
            return released(waves.fire(dropId, wave.get()));
        }
        if (!request.method().equals("GET")) {
            return responses.methodNotAllowed(request.method(), List.of("GET"));
        }
        return switch (rest) {
            case "/kpis" -> responses.json(200, kpis(snapshot.get()), Map.of("cache-control", "no-store"));
            case "/orders" -> responses.json(200, Map.of("orders", filtered(dropId, event.getQueryStringParameters())
                    .stream().map(OrderRowJson::of).toList()), Map.of("cache-control", "no-store"));
            case "/orders.csv" -> responses.raw(200, OrdersCsv.write(views.orders(dropId)), "text/csv; charset=utf-8",
                    Map.of("cache-control", "no-store",
                            "content-disposition", "attachment; filename=\"" + dropId + "-orders.csv\""));
            case "/reconcile" -> reconcile(dropId);
            default -> responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
        };
    }

    /**
     * {@code POST /merchant/drops} with the drop's YAML manifest: validates it (every error with its field and
     * line), claims the drop id for this merchant, publishes (never resetting held or sold), schedules its waves.
     */
    private APIGatewayV2HTTPResponse publish(String merchant, HttpRequest request) {
        if (request.bodySize() > MAX_MANIFEST_BYTES) {
            return responses.problem(ProblemType.PAYLOAD_TOO_LARGE, "A manifest is at most " + MAX_MANIFEST_BYTES + " bytes.");
        }
        String yaml;
        try {
            yaml = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The body could not be decoded.",
                    Map.of("errors", List.of(Map.of("pointer", "", "detail", "not base64"))), Map.of());
        }
        ManifestResult parsed = YamlManifests.parse(yaml, "manifest");
        if (parsed instanceof ManifestResult.Invalid invalid) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The manifest has " + invalid.errors().size()
                    + " problem(s); see errors.", Map.of("errors", invalid.errors().stream()
                    .map(e -> Map.of("pointer", e.field(), "line", e.line(), "detail", e.message())).toList()), Map.of());
        }
        Drop drop = ((ManifestResult.Parsed) parsed).manifest().toDrop();
        if (!views.claim(drop.dropId(), merchant)) {
            return responses.problem(ProblemType.DROP_ID_TAKEN, "The drop id " + drop.dropId()
                    + " belongs to another merchant; choose another.");
        }
        PublishResult result = publisher.publish(drop, clock.instant());
        return switch (result) {
            case PublishResult.Refused refused -> responses.problem(ProblemType.PUBLISH_REFUSED,
                    "Nothing was published: " + String.join("; ", refused.reasons()) + ".",
                    Map.of("reasons", refused.reasons()), Map.of());
            case PublishResult.Created ignored -> responses.json(201, Map.of("dropId", drop.dropId(),
                    "result", "created", "wavesScheduled", scheduling.schedule(drop)), Map.of("cache-control", "no-store"));
            case PublishResult.Updated updated -> responses.json(200, Map.of("dropId", drop.dropId(),
                    "result", "updated", "changes", updated.changes(), "wavesScheduled", scheduling.schedule(drop)),
                    Map.of("cache-control", "no-store"));
        };
    }

    /**
     * {@code POST /merchant/drops/{id}/pause} and {@code /resume}: idempotent. Once a pause answers, no checkout
     * holds stock of the drop until the resume answers; holds already made can still be paid or expire.
     */
    private APIGatewayV2HTTPResponse pausedOrResumed(String dropId, boolean pause) {
        DynamoDbDropPauses.Result result = pause ? pauses.pause(dropId, clock.instant()) : pauses.resume(dropId, clock.instant());
        if (result == DynamoDbDropPauses.Result.BUSY) {
            return responses.problem(ProblemType.BUSY, "Checkouts kept colliding with the " + (pause ? "pause" : "resume")
                    + "; nothing changed. Send it again.", Map.of(), Map.of("retry-after", "1"));
        }
        return responses.json(200, Map.of("dropId", dropId, "paused", pause,
                "changed", result == DynamoDbDropPauses.Result.CHANGED), Map.of("cache-control", "no-store"));
    }

    /**
     * {@code POST /merchant/drops/{id}/stock} with {@code {"sku", "delta", "reason"}}, plus {@code "hubId"} for a SKU
     * split by hub: a ledgered adjustment.
     */
    private APIGatewayV2HTTPResponse adjust(DropSnapshot snapshot, HttpRequest request) {
        Body read = object(request, Set.of("sku", "delta", "reason", "hubId"),
                "{\"sku\", \"delta\", \"reason\", \"hubId\"?}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        java.util.List<Map<String, String>> errors = new java.util.ArrayList<>();
        String sku = body == null ? null : body.path("sku").asText(null);
        if (sku == null || snapshot.drop().sku(sku).isEmpty()) {
            errors.add(Map.of("pointer", "/sku", "detail", "must name a SKU of the drop"));
        }
        String hubId = body == null ? null : body.path("hubId").asText(null);
        boolean split = sku != null && snapshot.drop().sku(sku).map(Sku::splitByHub).orElse(false);
        if (split && (hubId == null || !snapshot.drop().sku(sku).orElseThrow().hubUnits().containsKey(hubId))) {
            errors.add(Map.of("pointer", "/hubId", "detail", "SKU " + sku + " is split by hub: name one of "
                    + snapshot.drop().sku(sku).orElseThrow().hubUnits().keySet()));
        } else if (!split && hubId != null) {
            errors.add(Map.of("pointer", "/hubId", "detail", "SKU " + sku + " is not split by hub: leave hubId out"));
        }
        JsonNode deltaNode = body == null ? null : body.get("delta");
        if (deltaNode == null || !deltaNode.canConvertToInt() || !deltaNode.isIntegralNumber() || deltaNode.intValue() == 0
                || Math.abs(deltaNode.intValue()) > 1_000_000) {
            errors.add(Map.of("pointer", "/delta", "detail", "must be a whole number of units, not 0"));
        }
        String reason = body == null ? null : body.path("reason").asText(null);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            errors.add(Map.of("pointer", "/reason", "detail", "is required, up to 200 characters (it goes in the ledger)"));
        }
        if (!errors.isEmpty()) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The adjustment has problems; see errors.",
                    Map.of("errors", errors), Map.of());
        }
        if (!adjustments.adjust(snapshot.drop().dropId(), sku, hubId, deltaNode.intValue(), reason, clock.instant())) {
            int available = snapshot.stockOf(sku).map(level -> level.available(hubId)).orElse(0);
            return responses.problem(ProblemType.SOLD_OUT, "Only available units can be taken away; fewer are available.",
                    Map.of("remaining", List.of(Map.of("sku", sku, "available", available))), Map.of());
        }
        return responses.json(200, Map.of("dropId", snapshot.drop().dropId(), "sku", sku, "delta", deltaNode.intValue()),
                Map.of("cache-control", "no-store"));
    }

    /**
     * {@code POST /merchant/drops/{id}/flash-restock} with {@code {"sku", "units", "minutes", "emails"?}}: adds the
     * units to the SKU (ledgered) and keeps them for insiders for {@code minutes}: until then only buyers with an
     * access token hold the SKU, from that tranche; afterwards the units are everyone's. Tokens for {@code emails}
     * come back, valid until the window ends.
     */
    private APIGatewayV2HTTPResponse flashRestock(DropSnapshot snapshot, HttpRequest request) {
        Body read = object(request, Set.of("sku", "units", "minutes", "emails"),
                "{\"sku\", \"units\", \"minutes\", \"emails\"?}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        List<Map<String, String>> errors = new java.util.ArrayList<>();
        String sku = body.path("sku").isTextual() ? body.get("sku").asText() : null;
        if (sku == null || snapshot.drop().sku(sku).isEmpty()) {
            errors.add(Map.of("pointer", "/sku", "detail", "must name a SKU of the drop"));
        } else if (snapshot.drop().sku(sku).get().splitByHub() || snapshot.drop().sku(sku).get().sharded()) {
            // The restock's units and window live on the SKU item; a split or sharded SKU sells from other items.
            errors.add(Map.of("pointer", "/sku", "detail", "SKU " + sku + " is split by hub or sharded: a flash "
                    + "restock is not supported for it yet; adjust its stock instead"));
        }
        Integer units = wholeNumber(body.get("units"), 1, 1_000_000);
        if (units == null) {
            errors.add(Map.of("pointer", "/units", "detail", "must be a whole number of units, 1 to 1000000"));
        }
        Integer minutes = wholeNumber(body.get("minutes"), 1, 24 * 60);
        if (minutes == null) {
            errors.add(Map.of("pointer", "/minutes", "detail", "must be a whole number of minutes, 1 to 1440"));
        }
        List<String> emails = new java.util.ArrayList<>();
        JsonNode list = body.get("emails");
        if (list != null && (!list.isArray() || list.size() > 1_000)) {
            errors.add(Map.of("pointer", "/emails", "detail", "must list at most 1000 e-mails"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (!isEmail(list.get(i))) {
                    errors.add(Map.of("pointer", "/emails/" + i, "detail", "not an e-mail address"));
                } else {
                    emails.add(list.get(i).asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The flash restock has problems; see errors.",
                    Map.of("errors", errors), Map.of());
        }
        java.time.Instant now = clock.instant();
        // Whole seconds: the tokens' expiry is in seconds, and the window and its tokens end together.
        java.time.Instant until = now.plus(java.time.Duration.ofMinutes(minutes)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Drop drop = snapshot.drop();
        return switch (adjustments.flashRestock(drop.dropId(), sku, units, until, now)) {
            case RESTOCKED -> responses.json(200, Map.of("dropId", drop.dropId(), "sku", sku, "units", units,
                    "flashUntil", until.toString(), "tokens", tokens(drop.dropId(), emails, until)),
                    Map.of("cache-control", "no-store"));
            case DROP_NOT_OPEN -> responses.problem(ProblemType.DROP_NOT_OPEN, "A flash restock is for an open drop.",
                    Map.of("opensAt", drop.opensAt().toString(), "closesAt", drop.closesAt().toString(),
                            "serverTime", now.toString()), Map.of());
            case WINDOW_RUNNING -> responses.problem(ProblemType.FLASH_RESTOCK_REFUSED, "A flash window of " + sku
                    + " is still running; restock it again once it ends.", snapshot.inFlashWindow(sku, now)
                    ? Map.of("until", snapshot.flashUntil().get(sku).toString()) : Map.of(), Map.of());
            case BUSY -> responses.problem(ProblemType.BUSY, "Checkouts kept colliding with the restock; nothing "
                    + "changed. Send it again.", Map.of(), Map.of("retry-after", "1"));
        };
    }

    /**
     * The body as a JSON object with only {@code members}, read by the policy every route shares
     * ({@link JsonBody}); otherwise the problem to answer: 400 when it is not one JSON document, 422 naming each
     * member that is not one of {@code members}, or a body that is not an object.
     */
    private Body object(HttpRequest request, Set<String> members, String shape) {
        switch (JsonBody.read(JSON, request)) {
            case JsonBody.Malformed malformed -> {
                return new Body(null, responses.problem(ProblemType.MALFORMED_JSON, malformed.detail()));
            }
            case JsonBody.Document document -> {
                JsonNode body = document.json();
                List<Map<String, String>> errors = new java.util.ArrayList<>();
                if (!body.isObject()) {
                    errors.add(Map.of("pointer", "", "detail", "must be a JSON object: " + shape));
                } else {
                    body.fieldNames().forEachRemaining(name -> {
                        if (!members.contains(name)) {
                            errors.add(Map.of("pointer", "/" + name.replace("~", "~0").replace("/", "~1"),
                                    "detail", "is not a member here; send " + shape));
                        }
                    });
                }
                return errors.isEmpty() ? new Body(body, null) : new Body(null, responses.problem(
                        ProblemType.INVALID_REQUEST, "The body has problems; see errors.", Map.of("errors", errors),
                        Map.of()));
            }
        }
    }

    /** A JSON object body, or the problem to answer instead. */
    private record Body(JsonNode json, APIGatewayV2HTTPResponse problem) {
    }

    private static Integer wholeNumber(JsonNode node, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            return null;
        }
        int value = node.intValue();
        return value < min || value > max ? null : value;
    }

    private static boolean isEmail(JsonNode email) {
        return email != null && email.isTextual() && EmailAddress.isAddress(email.asText());
    }

    /**
     * One access token per e-mail, for that buyer and this drop, until {@code expiresAt}. Who got one is recorded
     * (by buyer id): the KPIs count them as notified.
     */
    private List<Map<String, String>> tokens(String dropId, List<String> emails, java.time.Instant expiresAt) {
        views.recordInsiders(dropId, emails.stream().map(buyerIds::of).toList(), expiresAt, clock.instant());
        return emails.stream().map(email -> Map.of("email", email, "token",
                accessTokens.issue(dropId, buyerIds.of(email), expiresAt), "expiresAt", expiresAt.toString())).toList();
    }

    /**
     * {@code POST /merchant/drops/{id}/insiders} with {@code {"emails": [...]}}: one access token per insider,
     * valid until the drop opens, or until the latest running flash-restock window ends if that is later. The
     * merchant sends each token to its buyer; a token works for that buyer only.
     */
    private APIGatewayV2HTTPResponse insiders(DropSnapshot snapshot, HttpRequest request) {
        java.time.Instant now = clock.instant();
        java.time.Instant flashEnd = snapshot.flashUntil().values().stream().filter(now::isBefore)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        if (snapshot.drop().insiders() == null && flashEnd == null) {
            return responses.problem(ProblemType.INVALID_REQUEST, "This drop has no early access and no flash window running.",
                    Map.of("errors", List.of(Map.of("pointer", "/insiders", "detail", "not configured for this drop"))),
                    Map.of());
        }
        java.time.Instant expiresAt = flashEnd != null && flashEnd.isAfter(snapshot.drop().opensAt()) ? flashEnd
                : snapshot.drop().opensAt();
        if (!expiresAt.isAfter(now)) {
            // A token is only good until the public sale opens (or a running flash window ends): past that it
            // would be dead on arrival, and counting its buyer as a notified insider would flatter the KPIs.
            return responses.problem(ProblemType.EARLY_ACCESS_OVER, "Early access to " + snapshot.drop().dropId()
                    + " ended at " + snapshot.drop().opensAt() + " and no flash window is running; no token was issued.",
                    Map.of("endedAt", snapshot.drop().opensAt().toString(), "serverTime", now.toString()), Map.of());
        }
        Body read = object(request, Set.of("emails"), "{\"emails\": [...]}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        if (!body.path("emails").isArray() || body.path("emails").isEmpty()
                || body.path("emails").size() > 1_000) {
            return responses.problem(ProblemType.INVALID_REQUEST, "Send {\"emails\": [...]}, 1 to 1000 addresses.",
                    Map.of("errors", List.of(Map.of("pointer", "/emails", "detail", "must list 1 to 1000 e-mails"))),
                    Map.of());
        }
        List<String> emails = new java.util.ArrayList<>();
        for (JsonNode email : body.get("emails")) {
            if (!isEmail(email)) {
                return responses.problem(ProblemType.INVALID_REQUEST, "Every entry must be an e-mail address.",
                        Map.of("errors", List.of(Map.of("pointer", "/emails", "detail", "not an e-mail address"))),
                        Map.of());
            }
            emails.add(email.asText());
        }
        return responses.json(200, Map.of("tokens", tokens(snapshot.drop().dropId(), emails, expiresAt)),
                Map.of("cache-control", "no-store"));
    }

    private DropKpis kpis(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        List<OrderRow> orders = views.orders(dropId);
        Set<String> buyers = orders.stream().map(OrderRow::buyerId).collect(Collectors.toSet());
        List<String> skus = snapshot.drop().skus().stream().map(s -> s.sku()).toList();
        return kpis.compute(snapshot.drop(), snapshot.stock().values(), orders, views.buyersElsewhere(dropId, buyers),
                views.releasedByWave(dropId, snapshot.drop().skus()), views.waitlist(dropId, skus), views.insiders(dropId));
    }

    /** Search by {@code status} and by the buyer's e-mail (matched through its buyer id, never stored in clear). */
    private List<OrderRow> filtered(String dropId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        String status = q.get("status");
        String buyer = q.containsKey("buyerEmail") ? buyerIds.of(q.get("buyerEmail")).value() : null;
        return views.orders(dropId).stream()
                .filter(o -> status == null || o.status().name().equalsIgnoreCase(status))
                .filter(o -> buyer == null || o.buyerId().equals(buyer))
                .toList();
    }

    /**
     * {@code POST /merchant/drops/{id}/preorders/confirm} (every reserved pre-order owes its balance) or
     * {@code .../cancel} (every reserved or confirmed pre-order is refunded its deposit). Idempotent: a second call
     * finds nothing left to change and says so.
     */
    private APIGatewayV2HTTPResponse preorderRun(Drop drop, boolean confirm) {
        if (drop.preorder() == null) {
            return responses.problem(ProblemType.PREORDERS_CLOSED, "Drop " + drop.dropId() + " takes no pre-orders.");
        }
        if (preorderRuns == null) {
            return responses.problem(ProblemType.PAYMENT_PROVIDER_UNAVAILABLE,
                    "This merchant function has no payment provider configured; nothing was changed.");
        }
        PreorderRuns.RunResult result = confirm ? preorderRuns.confirm(drop.dropId()) : preorderRuns.cancel(drop.dropId());
        return responses.json(200, Map.of("dropId", drop.dropId(), "result", confirm ? "confirmed" : "cancelled",
                "changed", result.changed(), "unchanged", result.unchanged()), Map.of("cache-control", "no-store"));
    }

    /** The wave {@code text} names: a plain decimal number of one of the drop's waves; empty otherwise. */
    private static Optional<Integer> waveNumber(Drop drop, String text) {
        if (!WAVE_NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(text);
        return drop.wavePlan().waves().stream().anyMatch(w -> w.number() == number) ? Optional.of(number)
                : Optional.empty();
    }

    /** A path segment as a merchant may be shown it: at most 32 characters, printable ASCII only. */
    private static String printable(String text) {
        String shown = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return shown.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? shown : "(not printable)";
    }

    private APIGatewayV2HTTPResponse released(WaveResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (result) {
            case WaveResult.Released released -> {
                body.put("result", "released");
                body.put("wave", released.wave());
                body.put("units", released.units());
            }
            case WaveResult.AlreadyReleased already -> {
                body.put("result", "already-released");
                body.put("wave", already.wave());
            }
            case WaveResult.NotReleased not -> {
                body.put("result", "not-released");
                body.put("why", not.why());
            }
        }
        return responses.json(200, body, Map.of("cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse reconcile(String dropId) {
        ReconciliationReport report = reconciler.reconcile();
        // The scan covers the table; a merchant sees the drifts of their drop only.
        Set<String> orderIds = views.orders(dropId).stream().map(OrderRow::orderId).collect(Collectors.toSet());
        var drifts = report.drifts().stream()
                .filter(d -> d.subject().startsWith(dropId + "/") || orderIds.contains(d.subject()))
                .toList();
        return responses.json(drifts.isEmpty() ? 200 : 409, Map.of("dropId", dropId, "checkedAt", report.at().toString(),
                "clean", drifts.isEmpty(), "drifts", drifts), Map.of("cache-control", "no-store"));
    }
}
