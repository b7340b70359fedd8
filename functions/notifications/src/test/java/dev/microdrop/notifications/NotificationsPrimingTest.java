package dev.microdrop.notifications;

import dev.microdrop.function.testing.PrimingCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart's hooks, called directly: every primer walks the handler, and the table is unchanged. */
class NotificationsPrimingTest {

    @Test
    void primingBeforeTheSnapshot_andRestoring_leaveTheTableUnchanged() throws Exception {
        // As on AWS: the SES sender is built (the primer's order does not exist, so nothing is sent).
        Map.of("microdrop.mail.from", "orders@neon.example",
                "microdrop.mail.transport", "ses",
                "microdrop.mail.storefront-url", "https://neon.example/")
                .forEach(System::setProperty);
        PrimingCheck.primeAndRestore(NotificationsApplication.class, "notifications-priming");
    }
}
