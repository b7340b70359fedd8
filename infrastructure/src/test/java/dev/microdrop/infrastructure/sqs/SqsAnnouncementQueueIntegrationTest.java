package dev.microdrop.infrastructure.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.shop.AnnouncePage;
import dev.microdrop.infrastructure.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** A publication's pages on ElasticMQ: every page once, in batches of ten, read back as the same page. */
class SqsAnnouncementQueueIntegrationTest {

    @Test
    void enqueue_sendsEveryPage_andEachBodyReadsBackAsItsPage() throws Exception {
        LocalElasticMq.QueueWithDlq queue = LocalElasticMq.createQueueWithDlq("shop-events", Duration.ofSeconds(30), 5);
        SqsAnnouncementQueue pages = new SqsAnnouncementQueue(LocalElasticMq.client(), queue.queueUrl(), Json.mapper());
        List<AnnouncePage> sent = new ArrayList<>();
        BuyerId after = null;
        for (int i = 1; i <= 23; i++) {
            BuyerId until = i == 23 ? null : new BuyerId("b_" + String.format("%032x", i));
            sent.add(new AnnouncePage("d2", "evt_d2_DropPublished_1", after, until));
            after = until;
        }

        pages.enqueue(sent);

        List<Message> received = LocalElasticMq.receiveAll(queue.queueUrl());
        List<AnnouncePage> read = new ArrayList<>();
        for (Message message : received) {
            JsonNode body = Json.mapper().readTree(message.body());
            assertThat(body.path("source").textValue()).isEqualTo(SqsAnnouncementQueue.SOURCE);
            assertThat(body.path("detail-type").textValue()).isEqualTo(SqsAnnouncementQueue.DETAIL_TYPE);
            read.add(SqsAnnouncementQueue.read(body.get("detail")).orElseThrow());
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void read_refusesWhatIsNotAPage_andWithoutAQueueEnqueueSaysWhatToSet() throws Exception {
        assertThat(SqsAnnouncementQueue.read(Json.mapper().readTree("{\"dropId\":\"d\"}"))).isEmpty();
        assertThat(SqsAnnouncementQueue.read(Json.mapper().readTree(
                "{\"dropId\":\"d\",\"publicationId\":\"e\",\"after\":\"not-a-buyer\"}"))).isEmpty();
        assertThatThrownBy(() -> new SqsAnnouncementQueue(LocalElasticMq.client(), "", Json.mapper())
                .enqueue(List.of(new AnnouncePage("d", "e", null, null))))
                .hasMessageContaining("MICRODROP_SHOP_EVENTS_QUEUE_URL");
    }
}
