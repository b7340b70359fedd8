package dev.microdrop.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.mail.MimeMails;
import dev.microdrop.infrastructure.mail.SmtpMailSender;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifications handler end to end below the queue: orders on DynamoDB Local, the real templates, SMTP into
 * GreenMail, and the messages read back from it.
 */
class NotificationsHandlerIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");

    /** GreenMail starts before each test, after the test instance is made. */
    private static SmtpMailSender smtp() {
        return new SmtpMailSender("127.0.0.1", GREEN_MAIL.getSmtp().getPort(),
                new MimeMails("microdrop <orders@neon.example>", Clock.systemUTC()));
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void paidOrder_deliveredTwice_thenExactlyOneReceiptInGreenMail_withBothParts() throws Exception {
        MailRig rig = new MailRig(smtp());
        String orderId = rig.order("ada@example.com", new Fulfilment.Ship(ADA), OrderStatus.PAID);

        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId), rig.orderPaid(orderId))))).isEmpty();
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).isEmpty();

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Your receipt for order " + orderId);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        assertThat(received[0].getHeader("X-Microdrop-Kind", null)).isEqualTo("ORDER_RECEIPT");
        assertThat(received[0].getHeader("List-Unsubscribe")).as("transactional mail").isNull();
        MimeMultipart parts = (MimeMultipart) received[0].getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("2 x NR-42 at 25.00 EUR: 50.00 EUR",
                "Total paid: 50.00 EUR", "Ada Lovelace, Berlin (DE)");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<th style=\"text-align: right\">50.00 EUR</th>");
    }

    @Test
    void paidPickupOrder_thenTheReceipt_andOnceMadeReady_thePickupCodeItWasGiven() throws Exception {
        MailRig rig = new MailRig(smtp());
        String orderId = rig.order("grace@example.com", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);

        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).isEmpty();
        // Not ready yet: a PickupReady delivered early (or replayed for another order) mails nothing.
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.pickupReady(orderId))))).isEmpty();
        assertThat(Arrays.stream(GREEN_MAIL.getReceivedMessages()).map(m -> header(m, "X-Microdrop-Kind")))
                .containsExactly("ORDER_RECEIPT");

        String code = rig.ready(orderId);
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.pickupReady(orderId))))).isEmpty();
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.pickupReady(orderId))))).as("redelivered: sent once").isEmpty();

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> header(m, "X-Microdrop-Kind")))
                .containsExactlyInAnyOrder("ORDER_RECEIPT", "PICKUP_READY");
        MimeMessage pickup = Arrays.stream(received).filter(m -> header(m, "X-Microdrop-Kind").equals("PICKUP_READY"))
                .findFirst().orElseThrow();
        assertThat((String) ((MimeMultipart) pickup.getContent()).getBodyPart(0).getContent())
                .contains("Your pickup code: " + code, "hub kreuzberg");
    }

    @Test
    void crashBetweenClaimAndSend_thenTheRedeliveryWithinTheLeaseWaits_andTheOneAfterItSendsOnce() throws Exception {
        AtomicBoolean crash = new AtomicBoolean(true);
        MailSender crashing = mail -> {
            if (crash.getAndSet(false)) {
                throw new ProcessDied();
            }
            return smtp().send(mail);
        };
        MailRig rig = new MailRig(crashing);
        String orderId = rig.order("ada@example.com", new Fulfilment.Ship(ADA), OrderStatus.PAID);

        assertThatThrownBy(() -> rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId)))).isInstanceOf(ProcessDied.class);
        assertThat(LocalDynamoDb.scan(rig.table)).filteredOn(i -> i.get("pk").s().startsWith("MAIL#"))
                .singleElement().satisfies(i -> assertThat(i.get("state").s()).isEqualTo("sending"));

        rig.clock.advance(Duration.ofSeconds(30));
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).as("within the lease").containsExactly("m0");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();

        rig.clock.advance(Duration.ofMinutes(2));
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).isEmpty();
        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).isEmpty();

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(LocalDynamoDb.scan(rig.table)).filteredOn(i -> i.get("pk").s().startsWith("MAIL#"))
                .singleElement().satisfies(i -> {
                    assertThat(i.get("state").s()).isEqualTo("sent");
                    assertThat(i.get("attempts").n()).isEqualTo("2");
                });
    }

    @Test
    void suppressedAddress_thenNoMail_andTheMessageIsDone() {
        MailRig rig = new MailRig(smtp());
        String orderId = rig.order("bounced@example.com", new Fulfilment.Ship(ADA), OrderStatus.PAID);
        rig.suppressions.suppress("bounced@example.com", "bounce");

        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.orderPaid(orderId))))).isEmpty();

        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void waitlistClaim_thenTheLinkAndTheDeadline() throws Exception {
        MailRig rig = new MailRig(smtp());
        String orderId = rig.order("ada@example.com", new Fulfilment.Ship(ADA), OrderStatus.HELD);

        assertThat(failed(rig.handler.apply(MailRig.sqs(rig.claimOffered(orderId,
                java.time.Instant.parse("2026-12-24T18:15:00Z")))))).isEmpty();

        MimeMessage claim = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(claim.getSubject()).isEqualTo("Your waitlist claim for NR-42 (order " + orderId + ")");
        assertThat((String) ((MimeMultipart) claim.getContent()).getBodyPart(1).getContent())
                .contains("href=\"https://neon.example/\"", "2026-12-24 18:15 UTC");
    }

    @Test
    void poisonAndUnknownOrders_comeBack_andNoAddressIsInAnyKey() {
        MailRig rig = new MailRig(smtp());
        String orderId = rig.order("ada@example.com", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);

        SQSBatchResponse response = rig.handler.apply(MailRig.sqs("not json", rig.orderPaid("ord_missing"),
                rig.orderPaid(orderId)));

        assertThat(failed(response)).containsExactly("m0", "m1");
        assertThat(LocalDynamoDb.scan(rig.table)).allSatisfy(item -> {
            assertThat(item.get("pk").s()).doesNotContain("@").doesNotContain("ada");
            assertThat(item.get("sk").s()).doesNotContain("@").doesNotContain("ada");
        });
        assertThat(LocalDynamoDb.scan(rig.table)).filteredOn(i -> i.get("pk").s().startsWith("MAIL#"))
                .hasSize(1).allSatisfy(item -> assertThat(item.toString()).doesNotContain("ada@example.com"));
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The process dying between the claim and the send: not an exception anything of ours catches. */
    private static final class ProcessDied extends Error {
    }

}
