package dev.microdrop.core.drop;

import java.util.List;

/** What publishing a drop did. Publishing never resets held or sold counts; a change that would is refused. */
public sealed interface PublishResult {

    /** The drop was new and is now in the table, with the units of every wave already due. */
    record Created() implements PublishResult {
    }

    /** The drop existed; {@code changes} says what changed (empty when the same drop was published again). */
    record Updated(List<String> changes) implements PublishResult {
        public Updated {
            changes = List.copyOf(changes);
        }
    }

    /** Nothing was written: each reason names the SKU or field and what is in the way. */
    record Refused(List<String> reasons) implements PublishResult {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }
}
