package dev.microdrop.shop;

import dev.microdrop.function.testing.PrimingCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart's hooks, called directly: every primer walks the handler, and the table is unchanged. */
class ShopPrimingTest {

    @Test
    void primingBeforeTheSnapshot_andRestoring_leaveTheTableUnchanged() throws Exception {
        // As on AWS: the SES sender is built (the primer's sign-up is refused, so nothing is sent).
        Map.of("microdrop.mail.from", "hello@neon.example",
                "microdrop.mail.transport", "ses",
                "microdrop.buyer-id-key", "shop-priming-buyer-id-key-0123456789",
                "microdrop.shop.link-key", "shop-priming-link-key-0123456789abcdef",
                "microdrop.shop.storefront-url", "https://neon.example/")
                .forEach(System::setProperty);
        PrimingCheck.primeAndRestore(ShopApplication.class, "shop-priming");
    }
}
