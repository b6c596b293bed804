package org.sca.sip;

import java.util.Optional;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;

/**
 * The line configuration in force: the one read at start, replaced as a whole by each
 * accepted reload. Readers take one snapshot per decision, so a request never sees half of
 * two files.
 */
final class LiveConfig {

    private volatile LinesConfig current;

    LiveConfig(LinesConfig initial) {
        this.current = initial;
    }

    LinesConfig get() {
        return current;
    }

    void replace(LinesConfig next) {
        current = next;
    }

    Optional<LineConfig> line(String id) {
        return current.lines().stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
