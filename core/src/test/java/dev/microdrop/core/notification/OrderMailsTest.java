package dev.microdrop.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.InMemorySentMail;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.PlainMailTemplates;
import dev.microdrop.core.testing.RecordingMailSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderMailsTest {

    private static final byte[] KEY = "order-mails-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, Order> orders = new HashMap<>();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final Notifier notifier = new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
            Consents.none(), new InMemorySuppressions(), new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE);
    private final OrderMails mails = new OrderMails(id -> Optional.ofNullable(orders.get(id)), notifier,
            Pacing.unlimited(), URI.create("https://drop.example/"), Optional.of(new OrderMails.Survey(
                    new SurveyTokens(KEY), URI.create("https://shop.example/survey/"))));

    private Order order(String id, Fulfilment fulfilment, OrderStatus status) {
        Order order = new Order(id, "neon", new BuyerIds(KEY).of("ada@example.com"), "ada@example.com",
                List.of(new OrderLine("RUN-42", 2, Money.of(1250, "EUR"))), Money.of(2500, "EUR"), fulfilment,
                status, NOW, NOW.plusSeconds(600));
        orders.put(id, order);
        return order;
    }

    @Test
    void orderPaid_shipped_thenOneReceipt_withAmountAndLines() {
        order("ord_1", new Fulfilment.Ship(new Address("Ada", "Main St 1", null, "Berlin", "10115", "DE")),
                OrderStatus.PAID);

        MailOutcome outcome = mails.orderPaid("ord_1");
        mails.orderPaid("ord_1");

        assertThat(outcome).isInstanceOfSatisfying(MailOutcome.Mailed.class, m -> assertThat(m.outcomes())
                .containsOnlyKeys(NotificationKind.ORDER_RECEIPT));
        assertThat(sender.sent()).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Your receipt for order ord_1");
            assertThat(m.text()).contains("25.00 EUR", "12.50 EUR", "RUN-42");
        });
    }

    @Test
    void orderPaid_pickup_thenOnlyTheReceipt_andPickupReady_thenTheCodeItWasGiven() {
        Order paid = order("ord_2", new Fulfilment.Pickup("kreuzberg", "sat-10"), OrderStatus.PAID);

        mails.orderPaid("ord_2");
        assertThat(mails.pickupReady("ord_2")).as("not made ready yet").isEqualTo(new MailOutcome.Mailed(Map.of()));
        orders.put("ord_2", paid.withHandover(Handover.NONE.ready(NOW, "7K4QX9")));
        mails.pickupReady("ord_2");

        assertThat(sender.sent()).extracting(RenderedMail::kind)
                .containsExactly(NotificationKind.ORDER_RECEIPT, NotificationKind.PICKUP_READY);
        assertThat(sender.sent().get(1).text()).contains("pickupCode=7K4QX9", "sat-10");
        assertThat(mails.pickupReady("ord_nope")).isInstanceOf(MailOutcome.OrderNotFound.class);
    }

    @Test
    void handedOver_thenOneSurvey_withElevenLinksForTheBuyerAndTheDrop_refundedOrNotHandedOver_thenNone() {
        Order paid = order("ord_7", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);
        assertThat(mails.handedOver("ord_7")).as("not collected yet").isEqualTo(new MailOutcome.Mailed(Map.of()));
        orders.put("ord_7", paid.withHandover(Handover.NONE.ready(NOW, "7K4QX9").collected(NOW.plusSeconds(60))));

        mails.handedOver("ord_7");
        mails.handedOver("ord_7");

        assertThat(sender.sent()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(NotificationKind.DROP_SURVEY);
            assertThat(m.subject()).isEqualTo("How was your order ord_7?");
            java.util.regex.Matcher link = java.util.regex.Pattern
                    .compile("https://shop.example/survey/\\?token=([^&]+)&score=(\\d+)").matcher(m.text());
            List<String> scores = new java.util.ArrayList<>();
            while (link.find()) {
                scores.add(link.group(2));
                assertThat(new SurveyTokens(KEY).verify(link.group(1), NOW))
                        .contains(new SurveyTokens.Respondent("neon", new BuyerIds(KEY).of("ada@example.com")));
            }
            assertThat(scores).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        });
        order("ord_8", new Fulfilment.Pickup("kreuzberg"), OrderStatus.REFUNDED);
        assertThat(mails.handedOver("ord_8")).isEqualTo(new MailOutcome.Mailed(Map.of()));
        assertThat(mails.handedOver("ord_nope")).isInstanceOf(MailOutcome.OrderNotFound.class);
    }

    @Test
    void orderPaid_refundedSince_thenNoMail_andStillHeld_thenFailsForARetry() {
        order("ord_3", new Fulfilment.Pickup("kreuzberg"), OrderStatus.REFUNDED);
        order("ord_4", new Fulfilment.Pickup("kreuzberg"), OrderStatus.HELD);

        assertThat(mails.orderPaid("ord_3")).isEqualTo(new MailOutcome.Mailed(Map.of()));
        assertThatThrownBy(() -> mails.orderPaid("ord_4")).isInstanceOf(IllegalStateException.class);
        assertThat(mails.orderPaid("ord_nope")).isInstanceOf(MailOutcome.OrderNotFound.class);
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void claimOffered_whileHeld_thenTheLinkAndTheDeadline_onceRedeemed_thenNothing() {
        order("ord_5", new Fulfilment.Pickup("kreuzberg"), OrderStatus.HELD);
        order("ord_6", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);

        mails.claimOffered("ord_5", "RUN-42", NOW.plus(Duration.ofMinutes(15)));
        mails.claimOffered("ord_6", "RUN-42", NOW.plus(Duration.ofMinutes(15)));

        assertThat(sender.sent()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(NotificationKind.WAITLIST_CLAIM_OFFERED);
            assertThat(m.text()).contains("https://drop.example/", "2026-12-02 18:15 UTC");
        });
    }

    @Test
    void orderPaid_overTheSendRate_thenThrottled_andNothingSent() {
        OrderMails paced = new OrderMails(id -> Optional.ofNullable(orders.get(id)), notifier,
                Pacing.of(new SendRate(1, Duration.ZERO, NOW), clock, d -> { }),
                URI.create("https://drop.example/"));
        order("ord_7", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);
        order("ord_8", new Fulfilment.Pickup("kreuzberg"), OrderStatus.PAID);

        assertThat(paced.orderPaid("ord_7")).as("the second's one mail").isInstanceOf(MailOutcome.Mailed.class);
        assertThat(paced.orderPaid("ord_8")).as("one mail a second, none waited for").isInstanceOf(MailOutcome.Throttled.class);
        assertThat(sender.sent()).extracting(RenderedMail::subject).containsExactly("Your receipt for order ord_7");
    }
}
