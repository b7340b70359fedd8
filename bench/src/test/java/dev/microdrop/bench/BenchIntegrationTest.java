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
 * Each scenario at a small size on DynamoDB Local: the invariants hold and the last line is the JSON the
 * documentation promises. No timing is asserted: this machine's speed is not a test result.
 */
class BenchIntegrationTest {

    private static final List<String> CHECKOUT_FIELDS = List.of("attempts_per_s", "p50_ms", "p95_ms", "p99_ms", "bare_transaction_per_s",
            "held", "oversold", "writes_per_attempt", "writes_per_attempt_after_sellout", "bare_update_per_s", "ratio",
            "holds_per_s", "sold_out_after_s", "outcomes", "counters", "writes_by_operation");
    private static final List<String> CATALOG_FIELDS = List.of("requests_per_s", "p50_ms", "p95_ms", "p99_ms",
            "table_reads", "reads_per_1000_requests", "cache_windows", "reads_per_window_per_instance", "outcomes");

    @Test
    void hotDrop_when400BuyersRaceFor50Units_thenExactly50AreHeld_andTheJsonLineHasEveryField() throws Exception {
        JsonNode result = run("hot-drop", "--buyers", "400", "--units", "50", "--clients", "8");

        assertThat(result.get("oversold").asInt()).isZero();
        assertThat(result.get("held").asInt()).isEqualTo(50);
        assertThat(result.get("balanced").asBoolean()).isTrue();
        assertThat(result.get("outcomes").get("201").asInt()).isEqualTo(50);
        assertThat(result.get("counters").get("HOT").get("available").asInt()).isZero();
        assertThat(result.get("attempts_after_sellout").asInt()).isPositive();
        assertThat(CHECKOUT_FIELDS).allMatch(result::hasNonNull);
    }

    @Test
    void hotDrop_onASkuInFourShards_holdsExactlyItsUnits_everyShardBalanced() throws Exception {
        JsonNode result = run("hot-drop", "--buyers", "400", "--units", "50", "--clients", "8", "--shards", "4");

        assertThat(result.get("shards").asInt()).isEqualTo(4);
        assertThat(result.get("oversold").asInt()).isZero();
        assertThat(result.get("held").asInt()).isEqualTo(50);
        assertThat(result.get("balanced").asBoolean()).isTrue();
        assertThat(result.get("counters").get("HOT").get("available").asInt()).isZero();
        assertThat(CHECKOUT_FIELDS).allMatch(result::hasNonNull);
    }

    @Test
    void bundle_whenEachOrderTakesTwoSkus_thenNeitherIsOversold_andBothHoldEveryUnit() throws Exception {
        JsonNode result = run("bundle", "--buyers", "400", "--units", "50", "--clients", "8", "--instances", "4");

        assertThat(result.get("oversold").asInt()).isZero();
        assertThat(result.get("held").asInt()).isEqualTo(50);
        assertThat(result.get("balanced").asBoolean()).isTrue();
        assertThat(result.get("counters").get("A").get("held").asInt()).isEqualTo(50);
        assertThat(result.get("counters").get("B").get("held").asInt()).isEqualTo(50);
        assertThat(CHECKOUT_FIELDS).allMatch(result::hasNonNull);
    }

    @Test
    void catalog_whenABurstAsksForOneDrop_thenEveryRequestIsServed_andTheReadsAreCounted() throws Exception {
        JsonNode result = run("catalog", "--requests", "5000", "--clients", "8");

        assertThat(result.get("outcomes").get("200").asInt()).isEqualTo(5000);
        assertThat(result.get("table_reads").asLong()).isPositive();
        assertThat(CATALOG_FIELDS).allMatch(result::hasNonNull);
    }

    @Test
    void shopKpis_overTwelveDrops_computesEveryDropAndCohort_fromTheWholeHistory() throws Exception {
        JsonNode result = run("shop-kpis", "--buyers", "200", "--requests", "2");

        assertThat(result.get("drops_in_kpis").asInt()).isEqualTo(12);
        assertThat(result.get("cohorts").asInt()).isEqualTo(12);
        assertThat(result.get("events_kept").asInt()).isGreaterThan(12 + 200 * 2);
        assertThat(result.get("table_reads_per_request").asDouble()).isPositive();
        assertThat(result.get("p50_ms").asDouble()).isPositive();
    }

    @Test
    void bench_whenAnOptionIsUnknown_thenItExitsWithUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Bench.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), "hot-drop", "--fast",
                "1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --fast", "usage:");
    }

    /** Runs the scenario as the launcher does, and returns its last line (the JSON object), parsed. */
    private static JsonNode run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Bench.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args);

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(status).as(String.join("\n", lines)).isZero();
        assertThat(lines[lines.length - 2]).startsWith("reproduce: ./microdrop bench " + args[0]);
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
