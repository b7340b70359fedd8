package dev.microdrop.local.eventbridge;

import dev.microdrop.local.net.Destination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * One event bus: its rules, each with its target, and an event-ruler machine holding every rule's pattern, so matching
 * is EventBridge's own. Every method locks the bus: local traffic is small, and a lock keeps a rule's pattern and
 * target consistent while an event is being matched.
 */
final class EventBus {

    /** A rule as the rule files define it: one pattern, one target. */
    record Rule(String name, String pattern, Destination target) {
    }

    private final String name;
    private final Map<String, Rule> rules = new HashMap<>();
    private final GenericMachine<String> machine = GenericMachine.<String>builder().build();

    EventBus(String name) {
        this.name = name;
    }

    /** Creates the rule, or replaces the one of that name. */
    synchronized void putRule(String ruleName, String pattern, Destination target) {
        try {
            Rule existing = rules.get(ruleName);
            if (existing != null) {
                machine.deleteRule(ruleName, existing.pattern());
            }
            machine.addRule(ruleName, pattern);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rules.put(ruleName, new Rule(ruleName, pattern, target));
    }

    /** The rules whose pattern matches the envelope. */
    synchronized List<Rule> matching(String envelopeJson) {
        try {
            return machine.rulesForJSONEvent(envelopeJson).stream().distinct().map(rules::get).toList();
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read an envelope bus " + name + " built", e);
        }
    }
}
