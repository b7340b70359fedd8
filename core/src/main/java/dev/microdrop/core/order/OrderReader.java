package dev.microdrop.core.order;

import java.util.Optional;

/** Port out: reads an order by id (strongly consistent). */
public interface OrderReader {

    Optional<Order> find(String orderId);
}
