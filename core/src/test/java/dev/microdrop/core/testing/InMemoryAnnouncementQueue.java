package dev.microdrop.core.testing;

import dev.microdrop.core.shop.AnnouncePage;
import dev.microdrop.core.shop.AnnouncementQueue;
import java.util.ArrayList;
import java.util.List;

/** The {@link AnnouncementQueue} port in memory: the pages queued, in order, until a test takes them. */
public final class InMemoryAnnouncementQueue implements AnnouncementQueue {

    private final List<AnnouncePage> pages = new ArrayList<>();

    @Override
    public synchronized void enqueue(List<AnnouncePage> queued) {
        pages.addAll(queued);
    }

    /** The pages queued since the last call, which leave the queue. */
    public synchronized List<AnnouncePage> take() {
        List<AnnouncePage> taken = List.copyOf(pages);
        pages.clear();
        return taken;
    }
}
