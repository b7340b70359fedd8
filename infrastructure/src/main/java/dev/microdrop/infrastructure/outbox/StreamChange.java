package dev.microdrop.infrastructure.outbox;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the table's stream (view type NEW_AND_OLD_IMAGES), whoever read it: Lambda's event source
 * mapping on AWS, or the local runtime's stream poller.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 */
public record StreamChange(String eventName, String sequenceNumber, Map<String, AttributeValue> newImage,
                           Map<String, AttributeValue> oldImage) {

    public StreamChange {
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
        oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
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
