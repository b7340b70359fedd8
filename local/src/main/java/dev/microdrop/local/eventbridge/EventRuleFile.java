package dev.microdrop.local.eventbridge;

import java.nio.file.Path;

/**
 * One rule from {@code events/rules/}: what the local bus installs and the CDK stack deploys.
 *
 * @param eventPattern the pattern as JSON text, already checked by event-ruler
 * @param target       a logical target (e.g. {@code fulfilment-queue}) that each environment maps to an ARN
 * @param file         where it was read from, for error messages
 */
public record EventRuleFile(String name, String description, String eventPattern, String target, Path file) {
}
