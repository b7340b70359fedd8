package dev.microdrop.core.shop;

import dev.microdrop.core.testing.InMemoryAnnouncementQueue;
import java.util.List;

/** The announcement queue's contract, in memory. */
class InMemoryAnnouncementQueueTest extends AnnouncementQueueContract {

    private final InMemoryAnnouncementQueue queue = new InMemoryAnnouncementQueue();

    @Override
    protected AnnouncementQueue queue() {
        return queue;
    }

    @Override
    protected List<AnnouncePage> received() {
        return queue.take();
    }
}
