package dev.microdrop.core.preorder;

import dev.microdrop.core.order.Order;
import java.util.List;

/** Port out: a drop's pre-orders, each with the intent its deposit was paid on (to refund it). */
public interface PreorderBook {

    List<Booked> preorders(String dropId);

    /** @param depositIntentId the provider's intent for the deposit; null if none was attached */
    record Booked(Order order, String depositIntentId) {
    }
}
