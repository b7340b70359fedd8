package dev.microdrop.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Reads the local runtime's sample drop. Times may be relative to the moment of seeding ({@code "now"},
 * {@code "+P7D"}), so the sample is open as soon as the runtime starts. (Drop manifests proper, in YAML with a
 * schema, come with the drops-as-code work.)
 */
final class DropFile {

    private DropFile() {
    }

    static Drop read(Path file, Instant now) throws IOException {
        JsonNode root = Json.mapper().readTree(file.toFile());
        Instant opens = time(root.path("opens").asText("now"), now);
        Instant closes = time(root.path("closes").asText("+P7D"), now);
        String currency = root.path("currency").asText();

        List<PickupHub> hubs = new ArrayList<>();
        root.path("hubs").forEach(h -> hubs.add(new PickupHub(h.path("hubId").asText(), h.path("name").asText())));

        List<Sku> skus = new ArrayList<>();
        for (JsonNode product : root.path("products")) {
            for (JsonNode variant : product.path("variants")) {
                skus.add(new Sku(variant.path("sku").asText(), product.path("productId").asText(),
                        product.path("name").asText(), variant.path("name").asText(),
                        Money.of(variant.path("price").asLong(), currency), variant.path("units").asInt()));
            }
        }

        List<Wave> waves = new ArrayList<>();
        int number = 1;
        for (JsonNode wave : root.path("waves")) {
            int basisPoints = (int) Math.round(wave.path("sharePercent").asDouble() * WavePlan.WHOLE / 100);
            waves.add(new Wave(number++, opens.plus(Duration.parse(wave.path("after").asText("PT0S"))), basisPoints));
        }
        WavePlan plan = waves.isEmpty() ? WavePlan.standard(opens) : new WavePlan(waves);

        return new Drop(root.path("dropId").asText(), root.path("name").asText(), Currency.getInstance(currency),
                opens, closes, root.path("perBuyerLimit").asInt(2),
                root.has("holdSeconds") ? Duration.ofSeconds(root.get("holdSeconds").asInt())
                        : Duration.ofMinutes(root.path("holdMinutes").asInt(10)),
                root.path("shipping").asBoolean(true), hubs, skus, plan, root.path("restockOnRefund").asBoolean(true));
    }

    private static Instant time(String value, Instant now) {
        if (value.equals("now")) {
            return now;
        }
        if (value.startsWith("+")) {
            return now.plus(Duration.parse(value.substring(1)));
        }
        return Instant.parse(value);
    }
}
