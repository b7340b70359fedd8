package dev.microdrop.infrastructure.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parser and drops/manifest.schema.json name the same fields, object by object, so a merchant's editor and
 * microdrop agree on what a manifest may say. (The schema's own checks are ManifestSchemaTest in drop-core.)
 */
class ManifestFieldsTest {

    private static final Path SCHEMA = Path.of("../drops/manifest.schema.json");

    @Test
    void everyObjectOfTheSchema_hasTheParsersFields_inTheSameOrder() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());

        for (Map.Entry<String, List<String>> object : YamlManifests.FIELDS.entrySet()) {
            JsonNode definition = object.getKey().equals("manifest") ? schema : schema.at("/$defs/" + object.getKey());
            assertThat(names(definition.get("properties"))).as("the fields of %s", object.getKey())
                    .containsExactlyElementsOf(object.getValue());
            assertThat(definition.path("additionalProperties").asBoolean(true))
                    .as("%s refuses unknown fields, as the parser does", object.getKey()).isFalse();
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
