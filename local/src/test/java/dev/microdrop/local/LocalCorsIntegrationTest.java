package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CORS in the local runtime is what the function URLs' CORS is on AWS (cdk DropStack, template.yaml): the catalog,
 * the checkout's and the shop's routes grant the drop's {@code storefront.origins} and the runtime's own origin, nobody
 * else; the merchant, webhook and simulator routes grant no origin at all. Every origin against every route, for
 * the browser's preflight and for the request that follows it.
 */
class LocalCorsIntegrationTest {

    private static final Path MANIFEST = Path.of("..", "drops", "neon-runners.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    /** A route, the method a browser would call it with, and the non-safelisted headers it would send. */
    enum Route {
        CATALOG("GET", "/drops/neon-runners", "if-none-match", true),
        CHECKOUT("POST", "/checkout", "content-type, idempotency-key", true),
        ORDERS("GET", "/orders/ord_01J0000000000000000000000", "authorization", true),
        WAITLIST("POST", "/waitlist", "content-type, idempotency-key", true),
        PREORDERS("POST", "/preorders", "content-type, idempotency-key", true),
        SHOP("POST", "/shop/audience/confirm", "content-type", true),
        MERCHANT("GET", "/merchant/drops/neon-runners/kpis", "authorization", false),
        WEBHOOK("POST", "/webhooks/payments", "content-type", false),
        SIMULATOR("POST", "/simulator/payments/pi_unknown/succeed", "content-type", false);

        final String method;
        final String path;
        final String requestHeaders;
        final boolean browserFacing;

        Route(String method, String path, String requestHeaders, boolean browserFacing) {
            this.method = method;
            this.path = path;
            this.requestHeaders = requestHeaders;
            this.browserFacing = browserFacing;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        runtime = new LocalRuntime(LocalRuntime.Options.exampleDrop(Path.of(".."), Path.of("unused"), true)).start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Stream<Arguments> originsByRoute() throws Exception {
        List<String> storefront = ((ManifestResult.Parsed) YamlManifests.parse(Files.readString(MANIFEST),
                MANIFEST.toString())).manifest().storefront().orElseThrow().origins();
        assertThat(storefront).isNotEmpty();
        List<Arguments> cases = new ArrayList<>();
        for (Route route : Route.values()) {
            for (String origin : storefront) {
                cases.add(arguments(origin, route, route.browserFacing));
            }
            cases.add(arguments("http://localhost:" + runtime.port(), route, route.browserFacing));
            cases.add(arguments("http://127.0.0.1:" + runtime.port(), route, route.browserFacing));
            cases.add(arguments("https://evil.example", route, false));
            cases.add(arguments("null", route, false));
            cases.add(arguments("http://localhost:1", route, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "preflight from {0} to {1}: granted {2}")
    @MethodSource("originsByRoute")
    void preflight_grantsOnlyTheFunctionUrlsOrigins(String origin, Route route, boolean granted) throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(base() + route.path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", origin)
                .header("access-control-request-method", route.method)
                .header("access-control-request-headers", route.requestHeaders)
                .build(), HttpResponse.BodyHandlers.ofString());

        HttpHeaders headers = preflight.headers();
        if (granted) {
            assertThat(preflight.statusCode()).isBetween(200, 204);
            assertThat(headers.allValues("access-control-allow-origin")).containsExactly(origin);
            assertThat(lowerCaseList(headers, "access-control-allow-methods")).contains(route.method.toLowerCase(Locale.ROOT));
            assertThat(lowerCaseList(headers, "access-control-allow-headers"))
                    .containsAll(List.of(route.requestHeaders.split(", ")));
            assertThat(headers.firstValue("access-control-max-age")).isPresent();
            assertThat(lowerCaseList(headers, "vary")).contains("origin");
        } else {
            assertNoGrant(headers);
        }
    }

    @ParameterizedTest(name = "{1} from {0}: granted {2}")
    @MethodSource("originsByRoute")
    void response_grantsOnlyTheFunctionUrlsOrigins(String origin, Route route, boolean granted) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + route.path)).header("origin", origin);
        if (route.method.equals("POST")) {
            // Refused by each function before it writes anything: the grant must be on refusals too.
            request.header("content-type", "application/json").header("idempotency-key", "cors-" + route)
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        if (granted) {
            assertThat(response.headers().allValues("access-control-allow-origin")).containsExactly(origin);
            assertThat(lowerCaseList(response.headers(), "vary")).contains("origin");
        } else {
            assertNoGrant(response.headers());
        }
    }

    private static void assertNoGrant(HttpHeaders headers) {
        assertThat(headers.map().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    private static List<String> lowerCaseList(HttpHeaders headers, String name) {
        return headers.allValues(name).stream().flatMap(v -> Stream.of(v.split(",")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static String base() {
        return "http://localhost:" + runtime.port();
    }
}
