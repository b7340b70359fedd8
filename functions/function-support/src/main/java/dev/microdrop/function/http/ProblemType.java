package dev.microdrop.function.http;

/**
 * The stable problem types of microdrop's HTTP API (RFC 9457). A storefront switches on {@link #uri()}, never
 * on the human-readable title or detail.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_REQUEST(422, "Invalid request"),
    IDEMPOTENCY_KEY_MISSING(400, "Idempotency-Key header missing"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with a different request"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    DROP_NOT_FOUND(404, "Drop not found"),
    DROP_NOT_OPEN(409, "Drop not open"),
    DROP_PAUSED(409, "Drop paused"),
    INSIDERS_ONLY(409, "Insiders only for now"),
    FLASH_RESTOCK_REFUSED(409, "Flash restock refused"),
    SOLD_OUT(409, "Sold out"),
    LIMIT_REACHED(429, "Per-buyer limit reached"),
    BUSY(503, "Too busy, try again"),
    SIGNATURE_INVALID(400, "Webhook signature invalid"),
    PAYMENT_PROVIDER_UNAVAILABLE(502, "Payment provider unavailable"),
    ORDER_NOT_FOUND(404, "Order not found"),
    UNAUTHORIZED(401, "Unauthorized"),
    ACCESS_TOKEN_INVALID(403, "Access token not valid for this buyer and drop"),
    DROP_ID_TAKEN(409, "Drop id belongs to another merchant"),
    SLOT_FULL(409, "Pickup slot full"),
    PUBLISH_REFUSED(409, "Publishing refused"),
    PREORDERS_CLOSED(409, "Pre-orders closed"),
    NOT_SOLD_OUT(409, "Not sold out"),
    PREORDER_CAP_REACHED(409, "Pre-order cap reached"),
    EARLY_ACCESS_OVER(409, "Early access is over"),
    WAVE_NOT_FOUND(404, "Wave not found"),
    FULFILMENT_REFUSED(409, "Fulfilment step refused"),
    LINK_INVALID(400, "Link not valid"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** e.g. {@code https://microdrop.dev/problems/sold-out}; documented in the OpenAPI document. */
    public String uri() {
        return "https://microdrop.dev/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
