package dev.microdrop.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.order.Fulfilment;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckoutCommandTest {

    private static final Fulfilment PICKUP = new Fulfilment.Pickup("hub-one");

    @Test
    void of_whenEverythingIsValid_thenValid() {
        Validated<CheckoutCommand> result = CheckoutCommand.of("key-00000001", "drop", List.of(new RequestedLine("A", 2)),
                " Ada@Example.com ", PICKUP);

        assertThat(result).isInstanceOf(Validated.Valid.class);
        // Kept in its canonical form (EmailAddress): the one every function derives the buyer from.
        assertThat(((Validated.Valid<CheckoutCommand>) result).value().buyerEmail()).isEqualTo("ada@example.com");
    }

    @Test
    void of_namesEveryViolationByItsPointer() {
        Validated<CheckoutCommand> result = CheckoutCommand.of("short", "Bad Drop",
                List.of(new RequestedLine("A", 0), new RequestedLine("A", 101), new RequestedLine("bad sku", 1)),
                "nope", null);

        assertThat(((Validated.Invalid<CheckoutCommand>) result).violations()).extracting(Violation::pointer)
                .containsExactly("Idempotency-Key", "/dropId", "/lines/0/quantity", "/lines/1/sku", "/lines/1/quantity",
                        "/lines/2/sku", "/buyer/email", "/fulfilment");
    }

    @Test
    void fingerprint_ignoresLineOrderAndEmailCase_butNotQuantities() {
        CheckoutCommand one = valid(List.of(new RequestedLine("A", 1), new RequestedLine("B", 2)), "ada@example.com");
        CheckoutCommand reordered = valid(List.of(new RequestedLine("B", 2), new RequestedLine("A", 1)), "ADA@example.com");
        CheckoutCommand more = valid(List.of(new RequestedLine("A", 2), new RequestedLine("B", 2)), "ada@example.com");

        assertThat(one.fingerprint()).isEqualTo(reordered.fingerprint()).isNotEqualTo(more.fingerprint());
    }

    private static CheckoutCommand valid(List<RequestedLine> lines, String email) {
        return ((Validated.Valid<CheckoutCommand>) CheckoutCommand.of("key-00000001", "drop", lines, email, PICKUP)).value();
    }
}
