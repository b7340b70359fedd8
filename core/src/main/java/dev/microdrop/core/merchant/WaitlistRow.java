package dev.microdrop.core.merchant;

/**
 * A waitlist entry as the merchant's numbers see it: no e-mail, no address.
 *
 * @param status  {@code WAITING}, {@code OFFERED} (a claim was held for the buyer) or {@code SKIPPED}
 * @param orderId the claim's order once offered, else null
 */
public record WaitlistRow(String sku, String buyerId, String status, String orderId) {

    public boolean offered() {
        return "OFFERED".equals(status) && orderId != null;
    }
}
