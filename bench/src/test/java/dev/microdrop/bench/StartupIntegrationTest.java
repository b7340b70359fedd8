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
 * The start-up benchmark for one function (the catalog) with 3 warm requests: both child JVMs answer and the JSON
 * line has every figure. No timing is asserted.
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
        assertThat(catalog.has("artifact_bytes")).isTrue();
        for (String mode : Startup.MODES) {
            assertThat(MODE_FIELDS).allMatch(catalog.get(mode)::hasNonNull);
            assertThat(catalog.get(mode).get("warm_requests").asInt()).isEqualTo(3);
        }
        assertThat(catalog.get("unprimed").get("priming_ms").isNull()).isTrue();
        assertThat(catalog.get("primed").hasNonNull("priming_ms")).isTrue();
    }

    @Test
    void startupOptions_defaultTo50WarmRequests() {
        assertThat(Options.parse("startup").requests()).isEqualTo(50);
        assertThat(Options.parse("startup").command()).isEqualTo("./microdrop bench startup --requests 50");
    }
}
