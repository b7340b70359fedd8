package dev.microdrop.core.fulfilment;

import dev.microdrop.core.order.Address;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the warehouse or the hub needs to hand over a paid order: one task per order, never two. Lines carry no
 * prices; nobody picking a parcel needs them.
 */
public sealed interface FulfilmentTask {

    String orderId();

    String dropId();

    List<Line> lines();

    Instant createdAt();

    /** A line to pick; {@code hubId}: the hub whose stock it was sold from, for a SKU split by hub (else null). */
    record Line(String sku, int quantity, String hubId) {

        public Line(String sku, int quantity) {
            this(sku, quantity, null);
        }
    }

    /** Pick, pack and ship to {@code shipTo}. The address is personal data: stored with the task, never logged. */
    record PickTicket(String orderId, String dropId, List<Line> lines, Address shipTo, Instant createdAt)
            implements FulfilmentTask {

        public PickTicket {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(shipTo, "shipTo");
            Objects.requireNonNull(createdAt, "createdAt");
            lines = List.copyOf(lines);
        }

        /** The same ticket with its ship-to address erased (docs/audience.md): the country only. */
        public PickTicket withoutPersonalData() {
            return new PickTicket(orderId, dropId, lines, shipTo.erased(), createdAt);
        }

        /** The address stays out of toString, so a task that ends up in a log or an assertion message leaks nothing. */
        @Override
        public String toString() {
            return "PickTicket[orderId=" + orderId + ", dropId=" + dropId + ", lines=" + lines + ", shipTo=<redacted>"
                    + ", createdAt=" + createdAt + "]";
        }
    }

    /**
     * Put the order aside at hub {@code hubId} for collection.
     *
     * @param slot the pickup slot; {@code null} until pickup slots exist
     */
    record PickupNotice(String orderId, String dropId, List<Line> lines, String hubId, String slot, Instant createdAt)
            implements FulfilmentTask {

        public PickupNotice {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(hubId, "hubId");
            Objects.requireNonNull(createdAt, "createdAt");
            lines = List.copyOf(lines);
        }
    }
}
