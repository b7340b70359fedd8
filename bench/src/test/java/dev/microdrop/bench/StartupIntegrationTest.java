package dev.microdrop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up benchmark for one function (the catalog) with 3 warm requests, from its Lambda zip (built by the
 * catalog module's package phase, which runs before this module's tests): both child JVMs start on nothing but the
 * unpacked zip and the probe class, answer, and the JSON line has every figure. No timing is asserted.
 */
class StartupIntegrationTest {

    private static final List<String> MODE_FIELDS = List.of("jvm_to_context_ms", "jvm_to_first_response_ms",
            "first_request_ms", "warm_median_ms", "first_to_warm_ratio", "heap_after_init_bytes", "primers");

    @Test
    void startup_forTheCatalog_reportsEveryFigure_unprimedAndPrimed() throws Exception {
        Options options = Options.parse("startup", "--requests", "3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BenchDynamoDb db = new BenchDynamoDb()) {
            Startup.run(options, db, List.of(Startup.FUNCTIONS.getFirst())).print(new PrintStream(out), options.command());
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);

        assertThat(lines[lines.length - 2]).isEqualTo("reproduce: ./microdrop bench startup --requests 3");
        assertThat(result.get("requests").asInt()).isEqualTo(3);
        JsonNode catalog = result.get("functions").get(0);
        assertThat(catalog.get("function").asText()).isEqualTo("catalog");
        assertThat(catalog.get("artifact").asText()).isEqualTo("functions/catalog/target/catalog-lambda.zip");
        assertThat(catalog.get("artifact_bytes").asLong()).isPositive();
        assertThat(catalog.get("artifact_jars").asInt()).isPositive();
        for (String mode : Startup.MODES) {
            assertThat(MODE_FIELDS).allMatch(catalog.get(mode)::hasNonNull);
            assertThat(catalog.get(mode).get("warm_requests").asInt()).isEqualTo(3);
        }
        assertThat(catalog.get("unprimed").get("priming_ms").isNull()).isTrue();
        assertThat(catalog.get("primed").hasNonNull("priming_ms")).isTrue();
        // A drop that exists, read primed with the zip's class list and without it.
        for (String list : List.of("listed", "unlisted")) {
            assertThat(MODE_FIELDS).allMatch(catalog.get("page").get(list)::hasNonNull);
        }
    }

    /** Every function from its own zip, primed, one warm request: each starts, primes without a failure, answers. */
    @Test
    void startup_everyFunction_startsFromItsOwnZipAlone_andAnswersPrimed() throws Exception {
        Options options = Options.parse("startup", "--requests", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BenchDynamoDb db = new BenchDynamoDb()) {
            Startup.run(options, db, Startup.FUNCTIONS, List.of("primed"))
                    .print(new PrintStream(out), options.command());
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode functions = new ObjectMapper().readTree(lines[lines.length - 1]).get("functions");

        assertThat(functions).hasSize(Startup.FUNCTIONS.size());
        for (JsonNode function : functions) {
            assertThat(function.has("unprimed")).isFalse();
            JsonNode primed = function.get("primed");
            assertThat(primed.get("primers").asInt()).as(function.get("module").asText()).isPositive();
            assertThat(MODE_FIELDS).allMatch(primed::hasNonNull);
        }
    }

    @Test
    void startupOptions_defaultTo50WarmRequests() {
        assertThat(Options.parse("startup").requests()).isEqualTo(50);
        assertThat(Options.parse("startup").command()).isEqualTo("./microdrop bench startup --requests 50");
    }
}
