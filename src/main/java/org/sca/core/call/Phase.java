package org.sca.core.call;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.sca.core.AppearanceEvent;

/** Where a call is in its life; the call is gone from the line once it has ended. */
public sealed interface Phase {

    /**
     * The INVITE that started the call is not answered yet; the legs the server created for it
     * (the phones for a call from the PBX, the PBX for a phone's call) ring.
     *
     * @param branches the ringing legs, in the order they were created
     */
    record Ringing(Set<String> branches) implements Phase {
        public Ringing {
            branches = Collections.unmodifiableSet(new LinkedHashSet<>(branches));
        }
    }

    /** A leg answered: in-dialog requests go leg to leg. */
    record Answered(Legs legs) implements Phase {
        public Answered {
            Objects.requireNonNull(legs, "legs");
        }
    }

    /**
     * Another phone (or the holder itself) is picking the held call up: the PBX has been
     * re-INVITEd with that phone's SDP and has not answered yet. Nothing else may change the
     * call meanwhile.
     *
     * @param retriever the picking-up phone's leg
     * @param onSuccess what the appearance goes through once the PBX agrees
     */
    record Bridging(Legs legs, String retriever, AppearanceEvent onSuccess) implements Phase {
        public Bridging {
            Objects.requireNonNull(legs, "legs");
            Objects.requireNonNull(retriever, "retriever");
            Objects.requireNonNull(onSuccess, "onSuccess");
        }
    }
}
