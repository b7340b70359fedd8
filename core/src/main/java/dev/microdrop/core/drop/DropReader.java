package dev.microdrop.core.drop;

import java.util.List;
import java.util.Optional;

/** Port: reads drops and their live stock. One call to {@link #read} is one read of the table. */
public interface DropReader {

    Optional<DropSnapshot> read(String dropId);

    List<DropSummary> list();
}
