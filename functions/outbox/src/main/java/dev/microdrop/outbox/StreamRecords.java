package dev.microdrop.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.microdrop.infrastructure.outbox.StreamChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Lambda's DynamoDB stream records, in the SDK's attribute types the relay reads. */
final class StreamRecords {

    private StreamRecords() {
    }

    static List<StreamChange> changes(DynamodbEvent event) {
        return event.getRecords().stream()
                .map(r -> new StreamChange(r.getEventName(), r.getDynamodb().getSequenceNumber(),
                        image(r.getDynamodb().getNewImage()), image(r.getDynamodb().getOldImage()),
                        r.getDynamodb().getApproximateCreationDateTime() == null ? null
                                : r.getDynamodb().getApproximateCreationDateTime().toInstant()))
                .toList();
    }

    static Map<String, AttributeValue> image(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, AttributeValue> converted = new HashMap<>();
        image.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (value.getM() != null) {
            return AttributeValue.fromM(image(value.getM()));
        }
        if (value.getL() != null) {
            return AttributeValue.fromL(value.getL().stream().map(StreamRecords::value).toList());
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(value.getSS());
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(value.getNS());
        }
        // Binary attributes and NULL carry nothing the relay reads.
        return AttributeValue.fromNul(true);
    }
}
