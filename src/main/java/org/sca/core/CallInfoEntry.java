package org.sca.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One comma-separated element of a Call-Info header, as a phone sent it.
 *
 * <p>{@code index} is empty in two different situations that callers must not confuse, so the
 * sixth component tells them apart: {@code appearance-index=*} ("every other appearance",
 * {@code wildcard} true) and no {@code appearance-index} parameter at all ({@code wildcard}
 * false; legal, e.g. a line-seize asking for any free index).
 *
 * @param uri           what stands between {@code <} and {@code >}
 * @param index         the appearance index, always at least 1 when present
 * @param state         empty when absent or when the phone used a state we do not know
 * @param appearanceUri the unescaped content of {@code appearance-uri}, normally a name-addr
 * @param otherParams   every other parameter, names lower-cased, quoted values unescaped,
 *                      valueless parameters mapped to "" (unmodifiable, in received order)
 * @param wildcard      true only for {@code appearance-index=*}
 */
public record CallInfoEntry(String uri, OptionalInt index, Optional<AppearanceState> state,
                            Optional<String> appearanceUri, Map<String, String> otherParams,
                            boolean wildcard) {

    public CallInfoEntry {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(appearanceUri, "appearanceUri");
        if (index.isPresent() && index.getAsInt() < 1) {
            throw new IllegalArgumentException("appearance index must be at least 1: " + index.getAsInt());
        }
        if (wildcard && index.isPresent()) {
            throw new IllegalArgumentException("a wildcard entry has no index");
        }
        otherParams = Collections.unmodifiableMap(new LinkedHashMap<>(otherParams));
    }

    /** Same as {@link #wildcard()}; reads better in conditions. */
    public boolean isWildcard() {
        return wildcard;
    }
}
