package dev.microdrop.function.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.infrastructure.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route table: templates, raw path segments, 404 for an unknown path, 405 with Allow for another method. */
class RoutesTest {

    private final Responses responses = new Responses(Json.mapper());
    private final Routes<String> routes = Routes.<String>builder()
            .get("/drops/{dropId}/kpis", (who, request, path) -> ok(who + " kpis of " + path.get("dropId")))
            .post("/drops/{dropId}/waves/{wave}/release",
                    (who, request, path) -> ok("release " + path.get("wave") + " of " + path.get("dropId")))
            .get("/drops/{dropId}/waves/{wave}/release", (who, request, path) -> ok("status"))
            .build();

    @Test
    void aTemplateMatchesItsSegments_andHandsTheNamedOnesRaw() {
        assertThat(body(route("GET", "/drops/neon/kpis"))).isEqualTo("ada kpis of neon");
        assertThat(body(route("POST", "/drops/neon/waves/..%2f2/release"))).isEqualTo("release ..%2f2 of neon");
        assertThat(body(route("POST", "/drops/neon/waves//release"))).as("an empty value is the handler's to refuse")
                .isEqualTo("release  of neon");
    }

    @Test
    void anUnknownPath_isNotFound_andAKnownPathWithAnotherMethod_isMethodNotAllowed() {
        APIGatewayV2HTTPResponse unknown = route("GET", "/drops/neon/kpis/more");
        APIGatewayV2HTTPResponse wrongMethod = route("DELETE", "/drops/neon/waves/2/release");

        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(wrongMethod.getStatusCode()).isEqualTo(405);
        assertThat(wrongMethod.getHeaders()).containsEntry("allow", "POST, GET");
    }

    @Test
    void aRestSegment_takesTheRestOfThePath_raw_andRoutesAreTriedInOrder() {
        Routes<String> catalog = Routes.<String>builder()
                .get("/drops/", (who, request, path) -> ok("list"))
                .get("/drops/{dropId...}", (who, request, path) -> ok("drop " + path.get("dropId")))
                .head("/drops/{dropId...}", (who, request, path) -> ok("head"))
                .build();

        assertThat(body(catalog.route("ada", request("GET", "/drops/"), responses))).isEqualTo("list");
        assertThat(body(catalog.route("ada", request("GET", "/drops/neon"), responses))).isEqualTo("drop neon");
        assertThat(body(catalog.route("ada", request("GET", "/drops/neon/extra/%2f"), responses)))
                .isEqualTo("drop neon/extra/%2f");
        assertThat(body(catalog.route("ada", request("HEAD", "/drops/neon"), responses))).isEqualTo("head");
        assertThat(catalog.route("ada", request("GET", "/drops"), responses).getStatusCode()).isEqualTo(404);
        assertThat(catalog.route("ada", request("PUT", "/drops/neon/x"), responses).getHeaders())
                .containsEntry("allow", "GET, HEAD");
    }

    private APIGatewayV2HTTPResponse route(String method, String path) {
        return routes.route("ada", request(method, path), responses);
    }

    private static HttpRequest request(String method, String path) {
        return HttpRequest.of(APIGatewayV2HTTPEvent.builder().withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build()).build()).build());
    }

    private APIGatewayV2HTTPResponse ok(String text) {
        return responses.json(200, Map.of("said", text), Map.of());
    }

    private static String body(APIGatewayV2HTTPResponse response) {
        return response.getBody().replaceAll(".*\"said\":\"([^\"]*)\".*", "$1");
    }
}
