package dev.microdrop.merchant;

import dev.microdrop.core.merchant.OrderRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders and payments as CSV (RFC 4180) for reconciling with the payment provider's payouts. No e-mails or
 * addresses: the buyer is their opaque id.
 */
final class OrdersCsv {

    static final String HEADER = "orderId,createdAt,status,buyerId,currency,amountMinorUnits,paidAt,paymentIntent,"
            + "refundReason,units";

    private OrdersCsv() {
    }

    static String write(List<OrderRow> orders) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (OrderRow o : orders) {
            String units = new TreeMap<>(o.units()).entrySet().stream()
                    .map(Map.Entry::toString).reduce((a, b) -> a + " " + b).orElse("");
            csv.append(String.join(",", cell(o.orderId()), cell(o.createdAt()), cell(OrderRowJson.status(o)),
                    cell(o.buyerId()), cell(o.currency()), cell(o.amountMinorUnits()), cell(o.paidAt()),
                    cell(o.intentId()), cell(o.refundReason()), cell(units))).append("\r\n");
        }
        return csv.toString();
    }

    /** Quotes every field that needs it; a leading =, +, - or @ is prefixed so spreadsheets never run it. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
