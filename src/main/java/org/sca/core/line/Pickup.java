package org.sca.core.line;

import org.sca.core.AppearanceEvent;
import org.sca.core.call.Call;

/** Whether a phone may pick up the call on an appearance (sca-behaviour.md, "Retrieve"). */
public sealed interface Pickup {

    /** @param reason the reason phrase of the 403 */
    record Refused(String reason) implements Pickup {}

    /** @param event what the appearance goes through once the PBX takes the new phone's SDP */
    record Allowed(Call call, AppearanceEvent event) implements Pickup {}
}
