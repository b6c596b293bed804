package org.sca.core.call;

import java.util.List;
import org.sca.core.AppearanceEvent;
import org.sca.core.AppearanceState;
import org.sca.core.CallInfoCodec;
import org.sca.core.CallInfoEntry;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.sdp.HoldDetection;
import org.sca.core.sdp.SessionDescription;

/** What a phone's re-INVITE asks of its appearance (sca-behaviour.md, "Hold, private hold, resume"). */
public final class HoldIntent {

    private HoldIntent() {}

    /**
     * @param offer the re-INVITE's SDP
     * @param callInfo the re-INVITE's Call-Info values: {@code appearance-state=held-private} makes a hold private
     */
    public static AppearanceEvent of(SessionDescription offer, List<String> callInfo) {
        if (!HoldDetection.isHold(offer)) {
            return AppearanceEvent.RESUME;
        }
        try {
            for (CallInfoEntry e : CallInfoCodec.parse(callInfo)) {
                if (e.state().orElse(null) == AppearanceState.HELD_PRIVATE) {
                    return AppearanceEvent.HOLD_PRIVATE;
                }
            }
        } catch (MalformedCallInfoException ignored) {
            // A garbled Call-Info on a hold is still a hold: the public kind.
        }
        return AppearanceEvent.HOLD;
    }
}
