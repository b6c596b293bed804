package org.sca.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored row: its key, its fields as {@link Fields} encodes them, and when it lapses (a
 * row past it is dropped when the state is loaded).
 */
record Row(RowKey key, String data, Instant expiresAt) {

    Row {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
