package dev.microdrop.infrastructure.mail;

import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.RenderedMail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Test mails. */
final class Mails {

    static final MimeMails MIME = new MimeMails("microdrop <orders@shop.example>",
            Clock.fixed(Instant.parse("2026-12-02T18:00:00Z"), ZoneOffset.UTC));

    private Mails() {
    }

    static RenderedMail receipt() {
        return new RenderedMail(NotificationKind.ORDER_RECEIPT, "ada@example.com", "Your receipt for order ord_1 — €",
                "Thank you, 25.00 EUR", "<p>Thank you, <b>25.00 EUR</b></p>",
                Map.of(RenderedMail.KIND_HEADER, "ORDER_RECEIPT", "List-Unsubscribe", "<https://shop.example/u?t=1>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
}
