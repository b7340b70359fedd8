package dev.microdrop.core.shop;

import java.util.List;

/**
 * Port out: where a publication's pages wait for their own delivery (the shop's own queue, which its events arrive
 * on). At least once: a page may arrive twice, and its handling is idempotent ({@link AnnouncePage}).
 */
public interface AnnouncementQueue {

    /** Every page is queued when this returns; a failure throws, and the publication comes back to split again. */
    void enqueue(List<AnnouncePage> pages);
}
