package dev.microdrop.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Keeps drops/manifest.schema.json honest: the example drop validates against it, every field is documented,
 * it refuses the shapes the parser refuses, and its default waves are the code's. (That the schema names the same
 * fields as the parser is YamlManifests' side: ManifestFieldsTest in infrastructure.)
 */
class ManifestSchemaTest {

    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path DROPS = Path.of("../drops");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theExampleDropIsValid() throws IOException {
        assertThat(schema().validate(example())).isEmpty();
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        JsonNode schema = JSON.readTree(DROPS.resolve("manifest.schema.json").toFile());
        List<String> undocumented = new ArrayList<>();
        undocumented(schema, "", undocumented);
        schema.get("$defs").properties().forEach(def -> undocumented(def.getValue(), "/" + def.getKey(), undocumented));

        assertThat(undocumented).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theDefaultWavesAreTheCodes() throws IOException {
        JsonNode defaults = JSON.readTree(DROPS.resolve("manifest.schema.json").toFile())
                .at("/properties/waves/default");
        List<ManifestWaves.ShareWave> waves = new ArrayList<>();
        defaults.forEach(w -> waves.add(new ManifestWaves.ShareWave(Duration.parse(w.get("after").asText()),
                w.get("share").intValue() * 100)));

        assertThat(new ManifestWaves.ByShare(waves)).isEqualTo(ManifestWaves.standard());
    }

    @Test
    void theSchemaRefusesTheShapesTheParserRefuses() throws IOException {
        JsonSchema schema = schema();
        Map<String, Consumer<ObjectNode>> broken = Map.ofEntries(
                Map.entry("missing dropId", m -> m.remove("dropId")),
                Map.entry("lower-case currency", m -> m.put("currency", "eur")),
                Map.entry("price as a decimal string", m -> variant(m).put("price", "12.90")),
                Map.entry("price as a decimal", m -> variant(m).put("price", 12.90)),
                Map.entry("negative units", m -> variant(m).put("units", -1)),
                Map.entry("unknown field", m -> m.put("perBuyerLimt", 2)),
                Map.entry("opens with an offset", m -> m.put("opens", "2026-12-05T10:00Z")),
                Map.entry("wave of share and units", m -> ((ObjectNode) m.get("waves").get(0))
                        .set("units", JSON.createObjectNode().put("NR-41", 1))),
                Map.entry("waves mixing share and units", m -> {
                    ObjectNode wave = (ObjectNode) m.get("waves").get(1);
                    wave.remove("share");
                    wave.set("units", JSON.createObjectNode().put("NR-41", 1));
                }),
                Map.entry("share over 100", m -> ((ObjectNode) m.get("waves").get(0)).put("share", 140)),
                Map.entry("share with three decimals", m -> ((ObjectNode) m.get("waves").get(0)).put("share", 33.333)),
                Map.entry("duration in weeks", m -> ((ObjectNode) m.get("waves").get(1)).put("after", "P1W")),
                Map.entry("shipFrom without shipping", m -> m.put("shipping", false)),
                Map.entry("preorder enabled without its terms", m -> m.set("preorder",
                        JSON.createObjectNode().put("enabled", true))),
                Map.entry("deposit over 100", m -> m.set("preorder", JSON.createObjectNode().put("enabled", true)
                        .put("depositShare", 120).put("cap", 10).put("confirmBy", "2026-12-20T12:00"))),
                Map.entry("hub id in upper case", m -> ((ObjectNode) m.get("hubs").get(0)).put("hubId", "Berlin")),
                Map.entry("latitude beyond the pole", m -> ((ObjectNode) m.get("hubs").get(0).get("coordinates"))
                        .put("lat", 91)),
                Map.entry("longitude as text", m -> ((ObjectNode) m.get("hubs").get(0).get("coordinates"))
                        .put("lon", "13.4")),
                Map.entry("coordinates without lon", m -> ((ObjectNode) m.get("hubs").get(0).get("coordinates"))
                        .remove("lon")),
                Map.entry("pickup promise in weeks", m -> ((ObjectNode) m.get("hubs").get(0))
                        .put("pickupPromise", "P1W")),
                Map.entry("story that is empty", m -> m.put("story", "")),
                Map.entry("story too long", m -> m.put("story", "x".repeat(2_001))),
                Map.entry("cadence over two lines", m -> m.put("cadence", "monthly\nor so")),
                Map.entry("interest in capitals", m -> m.putArray("interests").add("Running")),
                Map.entry("interest named twice", m -> m.putArray("interests").add("running").add("running")),
                Map.entry("six interests", m -> m.putArray("interests").add("a").add("b").add("c").add("d").add("e")
                        .add("f")));

        broken.forEach((name, edit) -> {
            ObjectNode manifest = example();
            edit.accept(manifest);
            Set<ValidationMessage> errors = schema.validate(manifest);
            assertThat(errors).as(name).isNotEmpty();
        });
    }

    private static void undocumented(JsonNode object, String at, List<String> undocumented) {
        JsonNode properties = object.get("properties");
        if (properties == null) {
            return;
        }
        properties.properties().forEach(p -> {
            if (p.getValue().path("description").asText().isBlank()) {
                undocumented.add(at + "/" + p.getKey());
            }
        });
    }

    private static ObjectNode variant(ObjectNode manifest) {
        return (ObjectNode) manifest.get("products").get(0).get("variants").get(0);
    }

    private static ObjectNode example() {
        try {
            return (ObjectNode) YAML.readTree(DROPS.resolve("neon-runners.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema schema() throws IOException {
        String text = Files.readString(DROPS.resolve("manifest.schema.json"), StandardCharsets.UTF_8);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
    }
}
