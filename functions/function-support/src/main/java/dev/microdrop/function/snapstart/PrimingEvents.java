package dev.microdrop.function.snapstart;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/**
 * The SQS and EventBridge events primers send, shaped like Lambda's and aimed at things that do not exist (function-URL
 * requests come from {@link dev.microdrop.function.http.FunctionUrlEvents}).
 */
public final class PrimingEvents {

    private PrimingEvents() {
    }

    /** One SQS message with {@code body}. */
    public static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("priming");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** An EventBridge envelope, as a rule delivers it to a queue, of a {@code detailType} event about the sentinels. */
    public static String eventBridge(String detailType) {
        return "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"" + detailType + "\",\"source\":\"microdrop\","
                + "\"account\":\"000000000000\",\"time\":\"1970-01-01T00:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"eventId\":\"evt_priming\",\"occurredAt\":\"1970-01-01T00:00:00Z\","
                + "\"dropId\":\"" + Primer.DROP_ID + "\",\"orderId\":\"" + Primer.ORDER_ID + "\",\"buyerId\":\"b_priming\","
                + "\"lines\":[{\"sku\":\"PRIMING\",\"quantity\":1}],\"amountMinorUnits\":0,\"currency\":\"EUR\","
                + "\"fulfilmentType\":\"ship\",\"late\":false}}";
    }
}
