package dev.microdrop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.OrderMails;
import dev.microdrop.core.notification.RenderedMail;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The function's template files: every kind has both parts, and the HTML part escapes what it shows. */
class MailTemplatesTest {

    private final MustacheMailTemplates templates = new MustacheMailTemplates().compile(OrderMails.KINDS);

    private RenderedMail render(NotificationKind kind, Map<String, Object> model) {
        return templates.render(Notification.transactional(kind, "ada@example.com", "Subject <b>", model),
                Optional.empty());
    }

    @Test
    void receipt_rendersBothParts_escapedInHtml() {
        RenderedMail mail = render(NotificationKind.ORDER_RECEIPT, Map.of("orderId", "ord_1", "dropId", "neon",
                "storefrontUrl", "https://neon.example/", "amount", "50.00 EUR",
                "lines", List.of(Map.of("sku", "<NR-42>", "quantity", 2, "unitPrice", "25.00 EUR", "total", "50.00 EUR")),
                "ship", Map.of("name", "Ada & Co", "city", "Berlin", "country", "DE")));

        assertThat(mail.text()).contains("2 x <NR-42> at 25.00 EUR: 50.00 EUR", "Ada & Co, Berlin (DE)")
                .doesNotContain("pickup code");
        assertThat(mail.html()).contains("&lt;NR-42&gt;", "Ada &amp; Co", "<title>Subject &lt;b&gt;</title>");
    }

    @Test
    void pickupReady_rendersTheCodeInBothParts_theSlotOnlyWhenThereIsOne() {
        Map<String, Object> model = Map.of("orderId", "ord_1", "dropId", "neon", "storefrontUrl", "https://neon.example/",
                "hubId", "kreuzberg", "pickupCode", "7KQ2XM", "units", 2);

        RenderedMail mail = render(NotificationKind.PICKUP_READY, model);

        assertThat(mail.text()).contains("Your pickup code: 7KQ2XM", "at hub kreuzberg.").doesNotContain("slot");
        assertThat(mail.html()).contains(">7KQ2XM</p>");
        assertThat(render(NotificationKind.PICKUP_READY, new java.util.HashMap<>(model) {{ put("slotId", "sat-10"); }})
                .text()).contains("in slot sat-10");
    }

    @Test
    void waitlistClaim_rendersTheLinkAndTheDeadline() {
        RenderedMail mail = render(NotificationKind.WAITLIST_CLAIM_OFFERED, Map.of("orderId", "ord_1", "dropId", "neon",
                "storefrontUrl", "https://neon.example/", "sku", "NR-42", "units", 1,
                "deadline", "2026-12-24 18:15 UTC", "deadlineIso", "2026-12-24T18:15:00Z"));

        assertThat(mail.text()).contains("before 2026-12-24 18:15 UTC", "https://neon.example/");
        assertThat(mail.html()).contains("<time datetime=\"2026-12-24T18:15:00Z\">", "href=\"https://neon.example/\"");
    }
}
