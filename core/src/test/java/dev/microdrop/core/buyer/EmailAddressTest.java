package dev.microdrop.core.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One person, one buyer: every way a keyboard, a mail client or a copy-paste may spell ada's address is the same
 * buyer (the per-buyer limit counts them together), and text that is not an address is refused. A table.
 */
class EmailAddressTest {

    private static final BuyerIds IDS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @ValueSource(strings = {
            "ada@example.com",
            "ADA@Example.COM",
            " ada@example.com ",
            "ada@example.com\t",
            "\u00a0ada@example.com",           // no-break space
            "ada@example.com\u2003",           // em space
            "ada\u200b@example.com",           // zero-width space
            "a\u00adda@example.com",           // soft hyphen
            "\ufeffada@example.com",           // byte order mark
            "ada@exam\u2060ple.com",           // word joiner
            "ada@example.com.",                // the domain's trailing dot
            "ada@EXAMPLE.com.",
    })
    void spellingsOfOneAddress_areOneBuyer(String spelling) {
        assertThat(EmailAddress.canonical(spelling)).contains("ada@example.com");
        assertThat(IDS.of(spelling)).isEqualTo(IDS.of("ada@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ren\u00e9@example.com",           // composed é
            "rene\u0301@example.com",          // e + combining acute: the same after NFC
            "REN\u00c9@example.com",
    })
    void composedAndDecomposedLetters_areOneBuyer(String spelling) {
        assertThat(EmailAddress.canonical(spelling)).contains("ren\u00e9@example.com");
        assertThat(IDS.of(spelling)).isEqualTo(IDS.of("ren\u00e9@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@b\u00fccher.example", "ada@B\u00dcCHER.example", "ada@xn--bcher-kva.example",
            "ada@bu\u0308cher.example."})
    void anInternationalDomain_isItsAsciiForm(String spelling) {
        assertThat(EmailAddress.canonical(spelling)).contains("ada@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "ada", "ada@", "@example.com", "ada@@example.com", "ada@example", "ada@localhost",
            "a@b@example.com", "ada@exa mple.com\u0000", "ada@-example.com", "ada@example-.com", "ada@exa_mple.com",
            "ada@example..com", "ada@.example.com", ".ada@example.com", "ada.@example.com", "a..da@example.com",
            "\"ada\"@example.com", "ada<x>@example.com", "ada\u0007@example.com", "ada@example.c",
            "ada@example.123",
    })
    void textThatIsNotAnAddress_isRefused(String text) {
        assertThat(EmailAddress.canonical(text)).as("%s", text).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLocalPartOver64_orAnAddressOver254Characters_isRefused() {
        assertThat(EmailAddress.canonical("a".repeat(64) + "@example.com")).isPresent();
        assertThat(EmailAddress.canonical("a".repeat(65) + "@example.com")).isEmpty();
        String longDomain = ("d".repeat(60) + ".").repeat(5) + "com";
        assertThat(EmailAddress.canonical("ada@" + longDomain)).isEmpty();
    }
}
