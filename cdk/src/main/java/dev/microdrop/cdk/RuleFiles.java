package dev.microdrop.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The EventBridge rules of {@code events/rules/*.json}, the same files the local bus routes with, read at synth
 * time so the deployed rules cannot drift from the tested ones.
 *
 * @param name         the rule's name (and file name)
 * @param eventPattern the pattern exactly as the file has it
 * @param target       the logical target, in kebab case ({@code fulfilment-queue})
 */
public record RuleFiles(String name, String description, Map<String, Object> eventPattern, String target) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every rule file in {@code directory}, by file name. */
    public static List<RuleFiles> read(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(RuleFiles::readOne)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rule files in " + directory, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static RuleFiles readOne(Path file) {
        try {
            JsonNode rule = JSON.readTree(file.toFile());
            String name = rule.path("name").asText();
            String fileName = file.getFileName().toString();
            if (!fileName.equals(name + ".json")) {
                throw new IllegalArgumentException(file + ": name " + name + " does not match the file name");
            }
            return new RuleFiles(name, rule.path("description").asText(),
                    JSON.convertValue(rule.path("eventPattern"), Map.class), rule.path("target").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
    }
}
