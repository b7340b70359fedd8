package dev.microdrop.catalog;

import java.time.Instant;
import java.util.List;

/** The drop directory as {@code GET /drops} answers it. */
record DropListJson(List<Entry> drops) {

    record Entry(String dropId, String name, String status, Instant opensAt, Instant closesAt, String href) {
    }
}
