package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./microdrop local --drop drops/neon-runners.yaml --time-scale 3600}: the example manifest's timeline,
 * moved to start now and played an hour per second. Early access, then three waves released by the local
 * scheduler, one after the other, and the catalog shows them.
 */
class ManifestPlayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theExampleDrop_playsItsWavesOnACompressedClock() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("../drops/neon-runners.yaml"), false, false, 3_600, false);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            JsonNode early = drop(base);
            int releasedAtStart = released(early);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            JsonNode drop = early;
            while (released(drop) < totalUnits(drop) && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                drop = drop(base);
            }

            assertThat(early.get("waves")).hasSize(3);
            assertThat(releasedAtStart).isLessThan(totalUnits(early));
            assertThat(released(drop)).as("every wave released within 30 s at an hour per second")
                    .isEqualTo(totalUnits(drop));
        }
    }

    @Test
    void aBrokenManifest_isRefusedWithItsFieldAndLine() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of("../drops/neon-runners.yaml"))
                .replaceFirst("currency: EUR", "currency: EURO"));
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"), broken, false, false, 1, false);

        assertThatThrownBy(() -> new LocalRuntime(options).start()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/currency").hasMessageContaining("broken.yaml:");
    }

    private static JsonNode drop(String base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/drops/neon-runners")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int released(JsonNode drop) {
        int sum = 0;
        for (JsonNode sku : drop.get("skus")) {
            sum += sku.get("released").asInt();
        }
        return sum;
    }

    private static int totalUnits(JsonNode drop) {
        int sum = 0;
        for (JsonNode sku : drop.get("skus")) {
            sum += sku.get("totalUnits").asInt();
        }
        return sum;
    }
}
