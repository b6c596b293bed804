package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateRouteTest {

    @Test
    void anUpdateReachesOnlyASideThatAllowsIt() {
        assertEquals(UpdateRoute.RELAY, UpdateRoute.of(true, true));
        assertEquals(UpdateRoute.RELAY, UpdateRoute.of(false, true));
        assertEquals(UpdateRoute.AS_REINVITE, UpdateRoute.of(true, false));
        assertEquals(UpdateRoute.ANSWER_HERE, UpdateRoute.of(false, false));
    }

    @Test
    void theCallKnowsWhichLegTakesUpdateAndForgetsAPhoneThatLeft() {
        Call call = Call.incoming(1, "<sip:1@pbx>", "pbx", CallTest.sdp("1 1", "sendrecv"));
        call.ring("a");
        call.answer("a", "a@h:1", CallTest.sdp("2 2", "sendrecv"));
        call.allowsUpdate("pbx", true);
        call.allowsUpdate("a", false);
        assertEquals(UpdateRoute.RELAY, call.updateFrom("a", false));
        assertEquals(UpdateRoute.ANSWER_HERE, call.updateFrom("pbx", false));
        call.startBridge("b", org.sca.core.AppearanceEvent.RETRIEVE);
        call.bridged("b@h:2", null);
        assertEquals(UpdateRoute.AS_REINVITE, call.updateFrom("pbx", true), "the new phone said nothing yet");
        assertTrue(Set.of("pbx", "b").contains(call.legs().orElseThrow().peerOf("b")));
    }

    @Test
    void theTransferringPhonesReferIsRemembered() {
        Call call = Call.incoming(1, "<sip:1@pbx>", "pbx", CallTest.sdp("1 1", "sendrecv"));
        assertTrue(call.referCseq().isEmpty());
        call.referred(7);
        assertEquals(7, call.referCseq().getAsLong());
    }
}
