package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** Messages received from the shop's queue (ElasticMQ), as Lambda hands them to {@code shopEvents}. */
final class ShopQueueMessages {

    private ShopQueueMessages() {
    }

    /** Up to a batch (ten) of the messages waiting on the queue, without waiting; none when it is empty. */
    static List<Message> receive(String queueUrl) {
        return LocalElasticMq.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0)).messages();
    }

    static SQSEvent of(List<Message> batch) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Message received : batch) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(received.messageId());
            message.setBody(received.body());
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
