package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the local runtime answers requests no HTTP client library would send, written byte by byte on a socket:
 * every answer is problem JSON with a stable type, a detail, and {@code Cache-Control: no-store}, whether the
 * HTTP layer, the function-URL layer (the 6 MB limit) or the local router refuses.
 */
class LocalHttpRefusalsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TEN_MB = 10L * 1024 * 1024;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = new LocalRuntime(LocalRuntime.Options.exampleDrop(Path.of(".."), Path.of("unused"), true)).start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                arguments("a % that starts no escape", "GET /drops/% HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                arguments("a bare CR in a header", "GET /drops HTTP/1.1\r\nHost: localhost\r\nX-Probe: a\rb\r\n\r\n"),
                arguments("Content-Length: -1", "POST /checkout HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n"),
                arguments("both Content-Length and Transfer-Encoding", "POST /checkout HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n"),
                arguments("an HTTP/0.9 request line", "GET /drops\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequest_isAMalformedRequestProblem(String name, String request) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(runtime.port(), request);

        JsonNode problem = assertProblem(answer, 400, "malformed-request");
        assertThat(problem.get("detail").asText()).doesNotContain("Exception");
    }

    @Test
    void aBodyOverSixMegabytes_declaredByItsLength_isPayloadTooLarge() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(runtime.port(), "POST /checkout HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nIdempotency-Key: big-declared\r\nContent-Length: " + TEN_MB
                + "\r\n\r\n", TEN_MB, false);

        assertProblem(answer, 413, "payload-too-large");
    }

    @Test
    void aBodyOverSixMegabytes_sentInChunks_isPayloadTooLarge() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(runtime.port(), "POST /checkout HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nIdempotency-Key: big-chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                TEN_MB, true);

        assertProblem(answer, 413, "payload-too-large");
    }

    static Stream<Arguments> unknownPaths() {
        return Stream.of(
                arguments("a path no function serves", "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                arguments("a payment intent the simulator does not know",
                        "POST /simulator/payments/pi_unknown/succeed HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"),
                arguments("a simulator path that is no action",
                        "GET /simulator/payments/pi_unknown HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownPaths")
    void anUnknownPath_isANotFoundProblem(String name, String request) throws Exception {
        assertProblem(RawHttp.exchange(runtime.port(), request), 404, "not-found");
    }

    private static JsonNode assertProblem(RawHttp.Answer answer, int status, String slug) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.header("cache-control")).as(answer.toString()).isEqualTo("no-store");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/" + slug);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
