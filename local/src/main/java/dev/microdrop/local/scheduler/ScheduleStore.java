package dev.microdrop.local.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The schedule groups and their schedules, behind one lock: a local scheduler holds dozens of schedules, not
 * millions, and one lock makes "take every due schedule exactly once" obviously right.
 */
final class ScheduleStore {

    /** A schedule group; {@code clientToken} makes a retried CreateScheduleGroup succeed instead of conflicting. */
    record Group(String name, String arn, String clientToken) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, TreeMap<String, Schedule>> schedules = new TreeMap<>();

    Group createGroup(Group group) {
        lock.lock();
        try {
            Group existing = groups.get(group.name());
            if (existing != null) {
                if (group.clientToken() != null && group.clientToken().equals(existing.clientToken())) {
                    return existing;
                }
                throw SchedulerError.conflict("Schedule group " + group.name() + " already exists.");
            }
            groups.put(group.name(), group);
            schedules.put(group.name(), new TreeMap<>());
            return group;
        } finally {
            lock.unlock();
        }
    }

    Group group(String name) {
        lock.lock();
        try {
            Group group = groups.get(name);
            if (group == null) {
                throw SchedulerError.notFound("Schedule group " + name + " does not exist.");
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** The schedule as stored: a create retried with the same client token returns the first one. */
    Schedule create(Schedule schedule) {
        lock.lock();
        try {
            TreeMap<String, Schedule> group = groupSchedules(schedule.groupName());
            Schedule existing = group.get(schedule.name());
            if (existing != null) {
                if (schedule.clientToken() != null && schedule.clientToken().equals(existing.clientToken())) {
                    return existing;
                }
                throw SchedulerError.conflict("Schedule " + schedule.name() + " already exists.");
            }
            group.put(schedule.name(), schedule);
            changed.signalAll();
            return schedule;
        } finally {
            lock.unlock();
        }
    }

    Schedule get(String groupName, String name) {
        lock.lock();
        try {
            Schedule schedule = groupSchedules(groupName).get(name);
            if (schedule == null) {
                throw SchedulerError.notFound("Schedule " + name + " does not exist.");
            }
            return schedule;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the whole definition, as UpdateSchedule does; the new version fires at its own time. */
    Schedule update(Schedule schedule) {
        lock.lock();
        try {
            Schedule updated = schedule.updatedFrom(get(schedule.groupName(), schedule.name()));
            groupSchedules(schedule.groupName()).put(schedule.name(), updated);
            changed.signalAll();
            return updated;
        } finally {
            lock.unlock();
        }
    }

    void delete(String groupName, String name) {
        lock.lock();
        try {
            get(groupName, name);
            groupSchedules(groupName).remove(name);
        } finally {
            lock.unlock();
        }
    }

    /** Schedules by group, then name; {@code groupName} null means every group. */
    List<Schedule> list(String groupName, String namePrefix) {
        lock.lock();
        try {
            List<Schedule> all = new ArrayList<>();
            if (groupName != null) {
                all.addAll(groupSchedules(groupName).values());
            } else {
                schedules.values().forEach(group -> all.addAll(group.values()));
            }
            return all.stream()
                    .filter(schedule -> namePrefix == null || schedule.name().startsWith(namePrefix))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** Marks every unfired schedule due at {@code now} as fired and returns them, earliest first. */
    List<Schedule> takeDue(Instant now) {
        lock.lock();
        try {
            List<Schedule> taken = new ArrayList<>();
            for (TreeMap<String, Schedule> group : schedules.values()) {
                for (Map.Entry<String, Schedule> entry : group.entrySet()) {
                    Schedule schedule = entry.getValue();
                    if (schedule.waiting() && !schedule.due().isAfter(now)) {
                        Schedule fired = schedule.firedCopy();
                        entry.setValue(fired);
                        taken.add(fired);
                    }
                }
            }
            taken.sort(Comparator.comparing(Schedule::due));
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a schedule is due on {@code clock}, a schedule is created or updated, or {@code maxWait} passes,
     * then takes what is due (possibly nothing). The cap keeps a clock that jumps (a test's) from being missed.
     */
    List<Schedule> awaitDue(ScaledClock clock, Duration maxWait) throws InterruptedException {
        lock.lock();
        try {
            List<Schedule> due = takeDue(clock.instant());
            if (!due.isEmpty()) {
                return due;
            }
            Duration wait = maxWait;
            Instant next = nextDue();
            if (next != null) {
                Duration untilNext = clock.realDelayUntil(next);
                if (untilNext.compareTo(wait) < 0) {
                    wait = untilNext;
                }
            }
            if (wait.isPositive()) {
                changed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
            return takeDue(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a thread in {@link #awaitDue}, so it sees that the store is closing. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Instant nextDue() {
        Instant next = null;
        for (TreeMap<String, Schedule> group : schedules.values()) {
            for (Schedule schedule : group.values()) {
                if (schedule.waiting() && (next == null || schedule.due().isBefore(next))) {
                    next = schedule.due();
                }
            }
        }
        return next;
    }

    private TreeMap<String, Schedule> groupSchedules(String groupName) {
        TreeMap<String, Schedule> group = schedules.get(groupName);
        if (group == null) {
            throw SchedulerError.notFound("Schedule group " + groupName + " does not exist.");
        }
        return group;
    }
}
