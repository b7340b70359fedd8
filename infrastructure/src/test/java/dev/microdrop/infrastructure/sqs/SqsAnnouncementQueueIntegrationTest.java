package dev.microdrop.infrastructure.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.shop.AnnouncePage;
import dev.microdrop.core.shop.AnnouncementQueue;
import dev.microdrop.core.shop.AnnouncementQueueContract;
import dev.microdrop.infrastructure.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The announcement queue's contract on ElasticMQ, and what its messages say. */
class SqsAnnouncementQueueIntegrationTest extends AnnouncementQueueContract {

    private final String queueUrl = LocalElasticMq.createQueueWithDlq("shop-events", Duration.ofSeconds(30), 5)
            .queueUrl();
    private final SqsAnnouncementQueue queue = new SqsAnnouncementQueue(LocalElasticMq.client(), queueUrl,
            Json.mapper());

    @Override
    protected AnnouncementQueue queue() {
        return queue;
    }

    @Override
    protected List<AnnouncePage> received() {
        return LocalElasticMq.receiveAll(queueUrl).stream().map(message -> {
            JsonNode body = json(message.body());
            assertThat(body.path("source").textValue()).isEqualTo(SqsAnnouncementQueue.SOURCE);
            assertThat(body.path("detail-type").textValue()).isEqualTo(SqsAnnouncementQueue.DETAIL_TYPE);
            return SqsAnnouncementQueue.read(body.get("detail")).orElseThrow();
        }).toList();
    }

    @Test
    void read_refusesWhatIsNotAPage_andWithoutAQueueEnqueueSaysWhatToSet() {
        assertThat(SqsAnnouncementQueue.read(json("{\"dropId\":\"d\"}"))).isEmpty();
        assertThat(SqsAnnouncementQueue.read(json(
                "{\"dropId\":\"d\",\"publicationId\":\"e\",\"after\":\"not-a-buyer\"}"))).isEmpty();
        assertThat(SqsAnnouncementQueue.read(json(
                "{\"dropId\":\"d\",\"publicationId\":\"e\",\"restock\":{\"sku\":\"NR-42\"}}"))).isEmpty();
        assertThat(SqsAnnouncementQueue.read(json("{\"dropId\":\"d\",\"publicationId\":\"e\"}")))
                .as("a page written before restock alerts were paged: a publication's")
                .contains(new AnnouncePage("d", "e", null, null));
        assertThatThrownBy(() -> new SqsAnnouncementQueue(LocalElasticMq.client(), "", Json.mapper())
                .enqueue(List.of(new AnnouncePage("d", "e", null, null))))
                .hasMessageContaining("MICRODROP_SHOP_EVENTS_QUEUE_URL");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
