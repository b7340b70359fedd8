package dev.microdrop.core.order;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Order ids: {@code ord_} and a ULID (48 bits of milliseconds, 80 random bits, Crockford base32), so ids sort by
 * creation time. Randomness comes from {@link SecureRandom} at call time, never from a value fixed during init,
 * so two instances restored from one SnapStart snapshot cannot repeat each other.
 */
public final class OrderIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next(Instant now) {
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        long time = now.toEpochMilli();
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 bits of entropy -> 16 characters of 5 bits.
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (entropy[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (entropy[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return "ord_" + new String(out);
    }
}
