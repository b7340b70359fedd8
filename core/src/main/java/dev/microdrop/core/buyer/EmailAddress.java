package dev.microdrop.core.buyer;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one normalisation of a buyer's e-mail address, so one person is one buyer whatever their keyboard or mail
 * client sent: Unicode NFC (a decomposed {@code é} is the composed one), every Unicode white space and invisible
 * format character removed (no-break space, em space, zero-width space, soft hyphen, byte order mark...), the
 * domain's trailing dot dropped and the domain in its ASCII form (IDNA: {@code bücher.example} is {@code
 * xn--bcher-kva.example}), all in lower case. What is left must look like an address: one {@code @}, a local part
 * of 1 to 64 visible characters, a domain of at least two valid labels, at most 254 characters in all.
 */
public final class EmailAddress {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    /** Printable, no white space, no {@code @}, no quotes or brackets that would need a quoted local part. */
    private static final Pattern LOCAL = Pattern.compile("[^\\s@\"(),:;<>\\[\\\\\\]\\p{Cntrl}]{1," + MAX_LOCAL + "}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private EmailAddress() {
    }

    /** The canonical form of {@code raw}, or empty when it is not an e-mail address. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        StringBuilder visible = new StringBuilder(raw.length());
        String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);
        composed.codePoints().filter(c -> !invisible(c)).forEach(visible::appendCodePoint);
        String text = visible.toString();
        int at = text.lastIndexOf('@');
        if (at <= 0 || text.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = text.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = text.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        String address = local + "@" + ascii;
        return address.length() > MAX_LENGTH ? Optional.empty() : Optional.of(address);
    }

    public static boolean isAddress(String raw) {
        return canonical(raw).isPresent();
    }

    /** White space of any kind (Unicode's White_Space and space separators) and invisible format characters. */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == 0x180E || c == 0x2060 || c == 0xFEFF;
    }
}
