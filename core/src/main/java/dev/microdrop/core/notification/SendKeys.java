package dev.microdrop.core.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A mail's idempotency key: HMAC-SHA256 of its kind, recipient and subject under the deployment's key, in hex. The
 * same mail gets the same key in every function and delivery; the key reveals neither the address nor, without the
 * key, whether a guessed address got mail.
 */
public final class SendKeys {

    private static final String PURPOSE = "microdrop/mail-send/v1\n";
    private final SecretKeySpec key;

    public SendKeys(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the send-key key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** 64 hex characters. The recipient is already canonical ({@link Notification}); fields are newline-separated. */
    public String of(Notification notification) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String text = PURPOSE + notification.kind().name() + "\n" + notification.recipient() + "\n"
                    + notification.subject();
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
