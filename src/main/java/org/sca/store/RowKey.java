package org.sca.store;

import java.util.Objects;

/** Which row: the line it belongs to, what it is, and its identity within the line. */
record RowKey(String line, Kind kind, String id) {

    RowKey {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
