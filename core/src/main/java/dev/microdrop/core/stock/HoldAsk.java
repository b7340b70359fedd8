package dev.microdrop.core.stock;

import dev.microdrop.core.order.Order;
import java.time.Instant;

/**
 * A hold to plan: the order (its lines' pools are the planner's choice), the idempotency key and the request's
 * fingerprint it is recorded with, the moment, and who is holding.
 */
public record HoldAsk(Order order, String idempotencyKey, String fingerprint, Instant now, Access access) {
}
