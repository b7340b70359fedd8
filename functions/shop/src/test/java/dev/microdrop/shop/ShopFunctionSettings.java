package dev.microdrop.shop;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;

/**
 * The shop function as a test runs it whole: SMTP into GreenMail on a free loopback port, and its settings as system
 * properties (what {@code FunctionInvoker} and a Spring context read), on a table of DynamoDB Local.
 */
final class ShopFunctionSettings {

    private ShopFunctionSettings() {
    }

    /** A GreenMail SMTP server on a free port of the loopback interface. */
    static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /** The function's settings: its table, its keys, the storefront, and mail by SMTP to {@code greenMail}. */
    static void use(String table, String buyerIdKey, String linkKey, GreenMailExtension greenMail) {
        Map.of("microdrop.table", table,
                "microdrop.buyer-id-key", buyerIdKey,
                "microdrop.shop.link-key", linkKey,
                "microdrop.shop.storefront-url", "https://shop.example/",
                "microdrop.mail.from", "Neon Runners <hello@neon.example>",
                "microdrop.mail.transport", "smtp",
                "microdrop.mail.smtp-host", "127.0.0.1",
                "microdrop.mail.smtp-port", String.valueOf(greenMail.getSmtp().getPort()))
                .forEach(System::setProperty);
    }
}
