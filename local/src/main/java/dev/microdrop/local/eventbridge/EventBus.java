package dev.microdrop.local.eventbridge;

import dev.microdrop.local.net.Destination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.event.ruler.GenericMachine;

/**
 * One event bus: its rules, their targets, and an event-ruler machine holding every rule's pattern, so matching
 * is EventBridge's own. Rule names are unique per bus, as on AWS. Every method locks the bus: local traffic is
 * small, and a lock keeps a rule's pattern, state and targets consistent while an event is being matched.
 */
final class EventBus {

    static final int MAX_TARGETS_PER_RULE = 5;

    private final String name;
    private final String arn;
    private final Map<String, Rule> rules = new TreeMap<>();
    private final GenericMachine<String> machine = GenericMachine.<String>builder().build();

    EventBus(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    synchronized void putRule(String ruleName, String ruleArn, String pattern, String state, String description) {
        Rule existing = rules.get(ruleName);
        Map<String, Target> targets = new LinkedHashMap<>();
        if (existing != null) {
            forget(existing);
            targets.putAll(existing.targets());
        }
        machineAdd(ruleName, pattern);
        rules.put(ruleName, new Rule(ruleName, ruleArn, name, pattern, state, description, targets));
    }

    synchronized Rule rule(String ruleName) {
        Rule rule = rules.get(ruleName);
        if (rule == null) {
            throw AwsJsonError.notFound("Rule " + ruleName + " does not exist on EventBus " + name + ".");
        }
        return rule.copy();
    }

    synchronized List<Rule> rules(String namePrefix) {
        return rules.values().stream()
                .filter(rule -> namePrefix == null || rule.name().startsWith(namePrefix))
                .map(Rule::copy)
                .toList();
    }

    /** Deleting a rule that does not exist succeeds, as on AWS; one that still has targets does not. */
    synchronized void deleteRule(String ruleName) {
        Rule rule = rules.get(ruleName);
        if (rule == null) {
            return;
        }
        if (!rule.targets().isEmpty()) {
            throw AwsJsonError.validation("Rule can't be deleted since it has targets.");
        }
        forget(rule);
        rules.remove(ruleName);
    }

    synchronized void putTargets(String ruleName, List<Target> targets) {
        Map<String, Target> current = liveRule(ruleName).targets();
        long added = targets.stream().map(Target::id).distinct().filter(id -> !current.containsKey(id)).count();
        if (current.size() + added > MAX_TARGETS_PER_RULE) {
            throw new AwsJsonError(400, "LimitExceededException",
                    "The requested resource exceeds the maximum number allowed.");
        }
        targets.forEach(target -> current.put(target.id(), target));
    }

    /** Returns the ids that were not targets of the rule. */
    synchronized List<String> removeTargets(String ruleName, List<String> ids) {
        Map<String, Target> current = liveRule(ruleName).targets();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (current.remove(id) == null) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** The enabled rules whose pattern matches the envelope, each with its targets as they are now. */
    synchronized List<Rule> matching(String envelopeJson) {
        List<String> names;
        try {
            names = machine.rulesForJSONEvent(envelopeJson);
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read an envelope this bus built", e);
        }
        return names.stream()
                .distinct()
                .map(rules::get)
                .filter(rule -> rule != null && rule.enabled() && !rule.targets().isEmpty())
                .map(Rule::copy)
                .toList();
    }

    private Rule liveRule(String ruleName) {
        Rule rule = rules.get(ruleName);
        if (rule == null) {
            throw AwsJsonError.notFound("Rule " + ruleName + " does not exist on EventBus " + name + ".");
        }
        return rule;
    }

    private void machineAdd(String ruleName, String pattern) {
        try {
            machine.addRule(ruleName, pattern);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forget(Rule rule) {
        try {
            machine.deleteRule(rule.name(), rule.pattern());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule as PutRule left it; {@code targets} is live inside the bus, and a copy everywhere else. */
    record Rule(String name, String arn, String eventBusName, String pattern, String state, String description,
                Map<String, Target> targets) {

        boolean enabled() {
            return !state.equals("DISABLED");
        }

        Rule copy() {
            return new Rule(name, arn, eventBusName, pattern, state, description,
                    Collections.unmodifiableMap(new LinkedHashMap<>(targets)));
        }
    }

    /**
     * A target as PutTargets left it. At most one of {@code input} and {@code inputPath} is set; neither means the
     * whole envelope is delivered.
     */
    record Target(String id, Destination arn, String input, String inputPath) {
    }
}
