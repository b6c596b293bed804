package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sca.core.AppearanceEvent;
import org.sca.core.call.Phase.Answered;
import org.sca.core.call.Phase.Bridging;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

class CallTest {

    private static final String CALLER = "\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>";

    static SessionDescription sdp(String origin, String direction) {
        try {
            return SessionDescription.parse("v=0\r\no=- " + origin + " IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n"
                    + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=" + direction + "\r\n");
        } catch (MalformedSdpException e) {
            throw new AssertionError(e);
        }
    }

    private static Call ringingTwoPhones() {
        Call call = Call.incoming(1, CALLER, "pbx", sdp("1 1", "sendrecv"));
        call.ring("a");
        call.ring("b");
        return call;
    }

    @Test
    void theFirstAnswerTakesTheCallAndTheOtherPhonesStopRinging() {
        Call call = ringingTwoPhones();
        assertTrue(call.isRinging("a") && call.isRinging("b"));
        assertEquals(Set.of("b"), call.answer("a", "alice@192.0.2.5:5060", sdp("7 7", "sendrecv")));
        assertEquals(new Answered(new Legs("pbx", "a")), call.phase());
        assertEquals("alice@192.0.2.5:5060", call.owner());
        assertFalse(call.isRinging("b"));
        assertFalse(call.involves("b"), "a CANCELled phone that answers late is no part of the call");
        assertEquals("a", call.legs().orElseThrow().peerOf("pbx"));
    }

    @Test
    void aPhonesOwnCallIsAnsweredByThePbxAndKeepsItsOwner() {
        Call call = Call.outgoing(2, "<sip:2000@pbx.test>", "phone", "alice");
        call.ring("pbx");
        assertTrue(call.isLeg("phone"));
        assertFalse(call.isTrunkLeg("phone"));
        SessionDescription answer = sdp("9 9", "sendrecv");
        assertEquals(Set.of(), call.answer("pbx", "ignored", answer));
        assertEquals(new Legs("pbx", "phone"), call.legs().orElseThrow());
        assertEquals("alice", call.owner());
        assertSame(answer, call.trunkSdp());
    }

    @Test
    void onlyTheLastFailingBranchFailsTheCall() {
        Call call = ringingTwoPhones();
        assertFalse(call.branchFailed("a"));
        assertFalse(call.branchFailed("a"), "a branch fails once");
        assertTrue(call.branchFailed("b"));
        assertFalse(call.branchFailed("x"));
    }

    @Test
    void stoppingTheRingingNamesEveryBranchToCancel() {
        Call call = ringingTwoPhones();
        assertEquals(List.of("a", "b"), List.copyOf(call.stopRinging()));
        assertFalse(call.isRinging("a"));
        assertTrue(call.isLeg("pbx"));
    }

    /** Alice answered on leg a, Carol is picking the call up on leg c. */
    private static Call beingPickedUp() {
        Call call = ringingTwoPhones();
        call.answer("a", "alice", null);
        call.startBridge("c", AppearanceEvent.RETRIEVE);
        return call;
    }

    @Test
    void bridgingHandsTheCallToTheRetrieverAndNamesTheLegToHangUp() {
        Call call = beingPickedUp();
        assertEquals(new Bridging(new Legs("pbx", "a"), "c", AppearanceEvent.RETRIEVE), call.phase());
        assertTrue(call.involves("c"));
        assertEquals(new Bridging(new Legs("pbx", "a"), "c", AppearanceEvent.RETRIEVE), call.bridged("carol", null));
        assertEquals(new Legs("pbx", "c"), call.legs().orElseThrow());
        assertEquals("carol", call.owner());
        assertFalse(call.involves("a"));
    }

    @Test
    void aLegOwesTheAckOfItsAnswerUntilItComesOrTheLegLeavesTheCall() {
        Call call = ringingTwoPhones();
        call.answer("a", "alice", null);
        call.awaitAck("pbx");
        assertTrue(call.awaitsAck("pbx"));
        assertFalse(call.awaitsAck("a"), "the server ACKs the phone's answer itself");
        call.acknowledged("pbx");
        assertFalse(call.awaitsAck("pbx"));

        call.startBridge("c", AppearanceEvent.RETRIEVE);
        call.bridged("carol", null);
        call.awaitAck("c");
        assertTrue(call.awaitsAck("c"));
        call.startBridge("a", AppearanceEvent.RETRIEVE);
        call.bridged("alice", null);
        assertFalse(call.awaitsAck("c"), "a leg hung up owes nothing");
    }

    @Test
    void aRefusedBridgeLeavesTheCallWithItsHolder() {
        Call call = beingPickedUp();
        call.bridgeFailed();
        assertEquals(new Answered(new Legs("pbx", "a")), call.phase());
        assertEquals("alice", call.owner());
    }

    @Test
    void stepsOutOfTheirPhaseAreProgrammingErrors() {
        Call call = ringingTwoPhones();
        assertThrows(IllegalStateException.class, () -> call.startBridge("c", AppearanceEvent.RETRIEVE));
        assertThrows(IllegalStateException.class, () -> call.answer("x", "alice", null));
        call.answer("a", "alice", null);
        assertThrows(IllegalStateException.class, () -> call.ring("d"));
        assertThrows(IllegalStateException.class, () -> call.bridged("carol", null));
    }

    @Test
    void aRetrieverIsAnsweredWithWhatThePbxSaidLast() {
        Call call = ringingTwoPhones();
        call.answer("a", "alice", null);
        assertTrue(call.isTrunkLeg("pbx"));
        assertFalse(call.isTrunkLeg("a"));
        SessionDescription reInvite = sdp("1 2", "sendonly");
        call.trunkSaid(reInvite);
        call.startBridge("c", AppearanceEvent.RETRIEVE);
        call.bridged("carol", null);
        assertSame(reInvite, call.trunkSdp(), "a bridge answer without SDP keeps the PBX's last one");
        SessionDescription answer = sdp("1 3", "sendrecv");
        call.startBridge("d", AppearanceEvent.RETRIEVE);
        call.bridged("dave", answer);
        assertSame(answer, call.trunkSdp());
    }

    @Test
    void eachLegKeepsTheOriginOfTheFirstSdpItWasSent() {
        Call call = ringingTwoPhones();
        SessionDescription first = call.toLeg("pbx", sdp("100 100", "sendrecv"));
        SessionDescription later = call.toLeg("pbx", sdp("555 555", "sendonly"));
        assertEquals(first.origin().sessionId(), later.origin().sessionId());
        assertEquals(first.origin().version() + 1, later.origin().version());
    }

    @Test
    void theFinalAnswerSaysBusyOnlyWhenAPhoneDid() {
        assertEquals(OptionalInt.of(486), FinalAnswer.toInbound(Call.Direction.INCOMING, 486));
        assertEquals(OptionalInt.of(486), FinalAnswer.toInbound(Call.Direction.INCOMING, 603));
        assertEquals(OptionalInt.of(480), FinalAnswer.toInbound(Call.Direction.INCOMING, 404));
        assertEquals(OptionalInt.of(404), FinalAnswer.toInbound(Call.Direction.OUTGOING, 404));
        assertEquals(OptionalInt.empty(), FinalAnswer.toInbound(Call.Direction.INCOMING, 487));
    }

    @Test
    void aTrunkChallengeTheServerCouldNotAnswerReachesThePhoneAsForbidden() {
        assertEquals(OptionalInt.of(403), FinalAnswer.toInbound(Call.Direction.OUTGOING, 407));
        assertEquals(403, FinalAnswer.relayable(401));
        assertEquals(488, FinalAnswer.relayable(488));
    }

    @Test
    void theSdpAndCallInfoOfAReInviteSayWhatHoldItIs() {
        assertEquals(AppearanceEvent.RESUME, HoldIntent.of(sdp("1 2", "sendrecv"), List.of()));
        assertEquals(AppearanceEvent.HOLD, HoldIntent.of(sdp("1 2", "sendonly"), List.of()));
        assertEquals(AppearanceEvent.HOLD, HoldIntent.of(sdp("1 2", "inactive"), List.of("<sip:h>;appearance-index=1")));
        assertEquals(AppearanceEvent.HOLD_PRIVATE,
                HoldIntent.of(sdp("1 2", "sendonly"), List.of("<sip:h>;appearance-index=1;appearance-state=held-private")));
        assertEquals(AppearanceEvent.HOLD, HoldIntent.of(sdp("1 2", "sendonly"), List.of("<sip:h;appearance-index=x")),
                "a garbled Call-Info on a hold is still a hold");
        assertEquals(AppearanceEvent.RESUME,
                HoldIntent.of(sdp("1 2", "sendrecv"), List.of("<sip:h>;appearance-index=1;appearance-state=held-private")));
    }

    @Test
    void theSenderAndAddressOfAnInviteSayWhatKindItIs() {
        assertEquals(InviteKind.INCOMING, InviteKind.of(true, "osas_shared", "4164542289", "osas_shared", false, "osas_shared"));
        assertEquals(InviteKind.OUTGOING, InviteKind.of(true, "2000", "osas_shared", "2000", false, "osas_shared"),
                "the line's own call through the trunk's address is a phone's");
        assertEquals(InviteKind.RETRIEVE, InviteKind.of(false, null, "osas_shared", "OSAS_shared", false, "osas_shared"));
        assertEquals(InviteKind.OUTGOING, InviteKind.of(false, "2000", "osas_shared", "2000", false, "osas_shared"));
        assertEquals(InviteKind.OUTGOING, InviteKind.of(false, null, "osas_shared", "osas_shared", true, "osas_shared"));
        assertFalse(InviteKind.INCOMING.needsMember());
        assertTrue(InviteKind.RETRIEVE.needsMember() && InviteKind.OUTGOING.needsMember());
    }
}
