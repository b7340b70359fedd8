package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.infrastructure.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ./microdrop crowd} against the local runtime playing the example drop: every buyer ends in one outcome,
 * none in an error, the drop's KPIs count exactly the units the crowd paid for, and the books balance.
 */
class CrowdIntegrationTest {

    @Test
    void aCrowdBuysPaysFailsAndWalksAway_andTheBooksBalance() throws Exception {
        try (LocalRuntime runtime = new LocalRuntime(LocalRuntime.Options.exampleDrop(Path.of(".."), Path.of("unused"),
                true)).start()) {
            URI base = URI.create("http://127.0.0.1:" + runtime.port());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            Crowd.Tally tally = new Crowd(new Crowd.Options(base, null, 24, Duration.ofSeconds(4), 42))
                    .run(new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(tally.buyers()).isEqualTo(24);
            assertThat(tally.outcomes().keySet()).isSubsetOf(Set.of("paid", "declined", "abandoned", "met-sold-out",
                    "joined-waitlist"));
            assertThat(tally.count("paid")).isPositive();
            assertThat(tally.count("declined") + tally.count("abandoned")).isPositive();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(seed 42)").contains("24 buyers in");

            JsonNode kpis = merchant(base, runtime.merchantKey(), "/kpis");
            assertThat(kpis.get("sold").asInt()).as("one unit per paid buyer").isEqualTo(tally.count("paid"));
            assertThat(kpis.get("held").asInt()).as("declined and abandoned holds until they expire")
                    .isEqualTo(tally.count("declined") + tally.count("abandoned"));
            assertThat(merchant(base, runtime.merchantKey(), "/reconcile").get("clean").asBoolean()).isTrue();
        }
    }

    @Test
    void rolesFollowTheirWeights_andTheSeedReplaysThem() {
        Random first = new Random(7);
        Random again = new Random(7);
        int[] counts = new int[Crowd.Role.values().length];
        for (int i = 0; i < 10_000; i++) {
            Crowd.Role role = Crowd.Role.pick(first);
            assertThat(Crowd.Role.pick(again)).isEqualTo(role);
            counts[role.ordinal()]++;
        }
        for (Crowd.Role role : Crowd.Role.values()) {
            assertThat(counts[role.ordinal()] / 100.0).as(role.name()).isCloseTo(role.weight, org.assertj.core.data.Offset.offset(2.0));
        }
    }

    @Test
    void optionsAreBounded() {
        assertThat(Crowd.Options.parse(new String[] {"--buyers", "5", "--seconds", "3", "--seed", "9"}))
                .isEqualTo(new Crowd.Options(URI.create("http://localhost:8080"), null, 5, Duration.ofSeconds(3), 9));
        assertThatThrownBy(() -> Crowd.Options.parse(new String[] {"--buyers", "0"})).hasMessageContaining("between 1");
        assertThatThrownBy(() -> Crowd.Options.parse(new String[] {"--seconds", "forever"})).hasMessageContaining("a number");
        assertThatThrownBy(() -> Crowd.Options.parse(new String[] {"--buyers"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Crowd.Options.parse(new String[] {"--loud"})).hasMessageContaining("unknown option");
    }

    private static JsonNode merchant(URI base, String key, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/merchant/drops/neon-runners" + path)).header("authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(answer.body());
    }
}
