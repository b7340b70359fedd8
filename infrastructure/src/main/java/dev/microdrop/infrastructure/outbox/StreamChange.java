package dev.microdrop.infrastructure.outbox;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the table's stream (view type NEW_AND_OLD_IMAGES), whoever read it: Lambda's event source
 * mapping on AWS, or the local runtime's stream poller.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param changedAt when the table made the change (the record's approximate creation time), or null when the reader
 *                  does not say: what the events derived from a change are stamped with, however late it is read
 */
public record StreamChange(String eventName, String sequenceNumber, Map<String, AttributeValue> newImage,
                           Map<String, AttributeValue> oldImage, Instant changedAt) {

    public StreamChange {
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
        oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
    }

    public StreamChange(String eventName, String sequenceNumber, Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage) {
        this(eventName, sequenceNumber, newImage, oldImage, null);
    }

    /** When the change was made, or {@code fallback} (the reader's now) when the record does not say. */
    Instant changedAtOr(Instant fallback) {
        return changedAt == null ? fallback : changedAt;
    }

    String newString(String attribute) {
        AttributeValue value = newImage.get(attribute);
        return value == null ? null : value.s();
    }

    int newNumber(String attribute) {
        return number(newImage, attribute);
    }

    int oldNumber(String attribute) {
        return number(oldImage, attribute);
    }

    private static int number(Map<String, AttributeValue> image, String attribute) {
        AttributeValue value = image.get(attribute);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }
}
