package dev.microdrop.function.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * docs/openapi.yaml's component schemas, to check what a function answers against them (the catalog, the merchant API). Read as the linter
 * reads them: an object schema that names its members and says nothing about others allows no others, so a member
 * the handler writes and the document leaves out fails too.
 */
public final class ResponseSchemas {

    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path DOCUMENT = Path.of("../../docs/openapi.yaml");
    private static final String BASE = "https://microdrop.dev/openapi.yaml";

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true).build();

    public ResponseSchemas() {
        ObjectNode doc;
        try {
            doc = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close(doc);
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, doc.toString()))));
    }

    /** What is wrong with {@code value} as an instance of {@code components/schemas/<name>}; empty when nothing. */
    public List<String> failures(String name, JsonNode value) {
        return factory.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + name), config).validate(value)
                .stream().map(m -> name + ": " + m.getMessage()).sorted().toList();
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && object.path("properties").isObject()
                && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
            object.put("unevaluatedProperties", false);
        }
        node.forEach(ResponseSchemas::close);
    }
}
