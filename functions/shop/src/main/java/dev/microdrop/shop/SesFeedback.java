package dev.microdrop.shop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.buyer.EmailAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What Amazon SES says about a mail we sent, from the {@code detail} of the event its configuration set's EventBridge
 * destination publishes ({@code eventType} {@code Bounce} or {@code Complaint}, the SES event publishing format):
 * the addresses to suppress and why. A permanent bounce (the address does not exist) and a complaint (the person
 * marked us as spam) suppress; a transient bounce (a full mailbox) and anything else suppress nothing.
 *
 * @param reason {@code bounce}, {@code complaint}, or the event's type in lower case when nothing is suppressed
 */
record SesFeedback(String reason, List<String> suppress) {

    static SesFeedback read(JsonNode detail) {
        String type = String.valueOf(detail.path("eventType").textValue());
        return switch (type) {
            case "Bounce" -> "Permanent".equals(detail.path("bounce").path("bounceType").textValue())
                    ? new SesFeedback("bounce", addresses(detail.path("bounce").path("bouncedRecipients")))
                    : new SesFeedback("transient-bounce", List.of());
            case "Complaint" -> new SesFeedback("complaint",
                    addresses(detail.path("complaint").path("complainedRecipients")));
            default -> new SesFeedback(type.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z-]", ""), List.of());
        };
    }

    private static List<String> addresses(JsonNode recipients) {
        List<String> addresses = new ArrayList<>();
        recipients.forEach(r -> EmailAddress.canonical(r.path("emailAddress").textValue()).ifPresent(addresses::add));
        return List.copyOf(addresses);
    }
}
