package dev.microdrop.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * Reads the rule definitions in {@code events/rules/} (one JSON file per rule:
 * {@code {"name", "description", "eventPattern", "target"}}) and installs them on the local bus, in-process: the
 * same rules the CDK stack deploys.
 *
 * <p>Files are checked strictly (unknown fields, duplicate names and patterns event-ruler rejects all fail the read),
 * so a typo shows up here rather than as a rule that silently never matches.
 */
public final class EventRuleFiles {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> FIELDS = Set.of("name", "description", "eventPattern", "target");
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    private EventRuleFiles() {
    }

    /** Every {@code *.json} file in {@code directory}, in file-name order. */
    public static List<EventRuleFile> read(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<EventRuleFile> rules = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            EventRuleFile rule = readOne(file);
            Path other = seen.putIfAbsent(rule.name(), file);
            if (other != null) {
                throw new IllegalArgumentException(file + ": rule name " + rule.name() + " is also used by " + other);
            }
            rules.add(rule);
        }
        return rules;
    }

    static EventRuleFile readOne(Path file) throws IOException {
        JsonNode json = JSON.readTree(file.toFile());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(file + ": a rule file holds one JSON object");
        }
        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        file + ": unknown field " + field + "; expected " + new TreeSet<>(FIELDS));
            }
        }
        String name = text(file, json, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(file + ": name " + name + " must match [.\\-_A-Za-z0-9]{1,64}");
        }
        JsonNode pattern = json.get("eventPattern");
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException(file + ": eventPattern must be a JSON object");
        }
        String patternJson = pattern.toString();
        String problem = JsonRuleCompiler.check(patternJson);
        if (problem != null) {
            throw new IllegalArgumentException(
                    file + ": eventPattern is not valid: " + problem.lines().findFirst().orElse(problem));
        }
        String description = json.hasNonNull("description") ? json.get("description").asText() : null;
        return new EventRuleFile(name, description, patternJson, text(file, json, "target"), file);
    }

    /**
     * Creates or replaces each rule on {@code eventBusName}, with its one target, in-process: the stack does this on
     * AWS, and nothing in the product calls PutRule or PutTargets, so the local bus has no wire for them.
     *
     * @param targetArns logical target name to ARN, e.g. {@code fulfilment-queue} to the queue's ARN; a rule whose
     *                   target has none fails the call before any rule is installed
     */
    public static void install(LocalEventBridge bus, String eventBusName, List<EventRuleFile> rules,
                               Map<String, String> targetArns) {
        for (EventRuleFile rule : rules) {
            if (!targetArns.containsKey(rule.target())) {
                throw new IllegalArgumentException(rule.file() + ": no ARN for target " + rule.target() + "; known: "
                        + new TreeSet<>(targetArns.keySet()));
            }
        }
        for (EventRuleFile rule : rules) {
            bus.rule(eventBusName, rule.name(), rule.eventPattern(), targetArns.get(rule.target()));
        }
    }

    private static String text(Path file, JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": " + field + " must be a non-empty string");
        }
        return value.asText();
    }
}
