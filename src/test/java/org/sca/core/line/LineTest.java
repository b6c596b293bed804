package org.sca.core.line;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.sca.core.Appearance;
import org.sca.core.AppearanceEvent;
import org.sca.core.AppearanceState;
import org.sca.core.LineState;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.Publication;
import org.sca.core.call.Call;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

class LineTest {

    private static final String CALLER = "<sip:4164542289@pbx.test>";
    private static final SessionDescription OFFER = offer();

    private final Line line = new Line(3);

    private static SessionDescription offer() {
        try {
            return SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\n");
        } catch (MalformedSdpException e) {
            throw new AssertionError(e);
        }
    }

    private static LineState shown(Change change) {
        return assertInstanceOf(Change.Shown.class, change).view();
    }

    private Call answeredIncoming(int index, String owner) {
        Call call = Call.incoming(index, CALLER, "pbx" + index, OFFER);
        line.start(call);
        call.ring("phone" + index);
        call.answer("phone" + index, owner, null);
        line.move(call, AppearanceEvent.ANSWER);
        return call;
    }

    @Test
    void anIncomingCallAlertsTheAppearanceAndEndingItFreesIt() {
        Call call = Call.incoming(1, CALLER, "pbx", OFFER);
        LineState alerting = shown(line.start(call));
        assertEquals(new Appearance(1, AppearanceState.ALERTING, null, CALLER), alerting.appearance(1));
        assertEquals(Optional.of(call), line.callOn("pbx"));
        assertEquals(OptionalInt.of(2), line.pick(OptionalInt.empty()));
        assertEquals(AppearanceState.IDLE, shown(line.end(call)).appearance(1).state());
        assertEquals(Optional.empty(), line.call(1));
    }

    @Test
    void aChangePhonesAlreadySeeIsNotShownAgain() {
        Call call = answeredIncoming(1, "alice");
        assertInstanceOf(Change.Shown.class, line.move(call, AppearanceEvent.HOLD));
        assertInstanceOf(Change.Refused.class, line.move(call, AppearanceEvent.HOLD), "held is not held again");
        line.publish(new Publication("e1", List.of(new Appearance(1, AppearanceState.ACTIVE, null, null)),
                Instant.EPOCH), Optional.empty());
        assertInstanceOf(Change.Unseen.class, line.withdraw("e1"), "the server's own appearance hid the published one");
    }

    @Test
    void aRefusedEventChangesNothing() {
        Call call = Call.incoming(1, CALLER, "pbx", OFFER);
        line.start(call);
        assertEquals(new Change.Refused(1, AppearanceState.ALERTING, AppearanceEvent.RETRIEVE),
                line.move(call, AppearanceEvent.RETRIEVE));
        assertEquals(AppearanceState.ALERTING, line.state(1));
    }

    @Test
    void aSeizedAppearanceIsFreeOnlyForItsSeizer() {
        assertEquals(AppearanceState.SEIZED, shown(line.seize(2, "alice", "d1")).appearance(2).state());
        assertTrue(line.freeFor(2, "alice"));
        assertFalse(line.freeFor(2, "bob"));
        assertTrue(line.freeFor(1, "bob"));
        assertEquals(AppearanceState.IDLE, shown(line.releaseSeize(2, "alice", "d1")).appearance(2).state());
    }

    @Test
    void anOlderSeizeLapsingDoesNotFreeASeizeTakenAgain() {
        line.seize(2, "alice", "d1");
        line.seize(2, "alice", "d2");
        assertInstanceOf(Change.Unseen.class, line.releaseSeize(2, "alice", "d1"));
        assertEquals(AppearanceState.SEIZED, line.state(2));
    }

    @Test
    void aPhonesCallTakesOverItsSeizeAndItsFirstProgressUsesTheSeizeUp() {
        line.seize(1, "alice", "d1");
        Call call = Call.outgoing(1, "<sip:2000@pbx.test>", "phone", "alice");
        assertInstanceOf(Change.Unseen.class, line.start(call), "already seized by the caller");
        assertInstanceOf(Change.Unseen.class, line.releaseSeize(1, "alice", "d1"), "the call holds the appearance");
        assertEquals(Optional.empty(), line.seizeUsedUp(1));
        LineState progressing = shown(line.move(call, AppearanceEvent.DIAL_PROGRESS));
        assertEquals(new Appearance(1, AppearanceState.PROGRESSING, "alice", "<sip:2000@pbx.test>"), progressing.appearance(1));
    }

    @Test
    void dialingWithoutASeizeSeizesTheAppearance() {
        line.seize(1, "bob", "d9");
        Call call = Call.outgoing(2, "<sip:2000@pbx.test>", "phone", "alice");
        assertEquals(AppearanceState.SEIZED, shown(line.start(call)).appearance(2).state());
        assertEquals(Optional.of("d9"), line.seizeUsedUp(1));
    }

    @Test
    void theIndexCheckNamesTheProblemOnce() throws MalformedCallInfoException {
        line.checkIndex(3);
        var e = assertThrows(MalformedCallInfoException.class, () -> line.checkIndex(4));
        assertEquals("Bad Call-Info: appearance-index beyond the line's appearances", e.getMessage());
        assertThrows(MalformedCallInfoException.class, () -> line.checkIndex(0));
    }

    @Test
    void aHeldCallMayBePickedUpByAnyoneAPrivateOneOnlyByItsOwner() {
        Call call = answeredIncoming(1, "alice");
        assertEquals(new Pickup.Refused("Appearance is not held"), line.pickup(1, "bob"));
        line.move(call, AppearanceEvent.HOLD);
        assertEquals(new Pickup.Allowed(call, AppearanceEvent.RETRIEVE), line.pickup(1, "bob"));
        line.move(call, AppearanceEvent.HOLD_PRIVATE);
        assertEquals(new Pickup.Refused("Appearance is held private"), line.pickup(1, "bob"));
        assertEquals(new Pickup.Allowed(call, AppearanceEvent.RESUME), line.pickup(1, "alice"));
    }

    @Test
    void oneCallIsPickedUpByOnePhoneAtATime() {
        Call call = answeredIncoming(1, "alice");
        line.move(call, AppearanceEvent.HOLD);
        call.startBridge("carol-leg", AppearanceEvent.RETRIEVE);
        assertEquals(new Pickup.Refused("Appearance is being retrieved by another phone"), line.pickup(1, "bob"));
        assertEquals(Optional.of(call), line.callOn("carol-leg"));
    }

    @Test
    void nothingRingingOrAbsentCanBePickedUp() {
        line.start(Call.incoming(1, CALLER, "pbx", OFFER));
        assertEquals(new Pickup.Refused("Appearance is idle"), line.pickup(1, "bob"));
        assertEquals(new Pickup.Refused("Appearance is idle"), line.pickup(2, "bob"));
        assertEquals(new Pickup.Refused("Appearance is idle"), line.pickup(42, "bob"));
    }

    @Test
    void aPublicationShowsOnIdleAppearancesUntilItLapses() {
        Publication p = new Publication("e1", List.of(new Appearance(3, AppearanceState.ACTIVE, null, CALLER)),
                Instant.ofEpochSecond(100));
        assertEquals(AppearanceState.ACTIVE, shown(line.publish(p, Optional.empty())).appearance(3).state());
        assertEquals(Optional.of(p), line.publication("e1"));
        assertInstanceOf(Change.Unseen.class, line.expirePublication("e1", Instant.ofEpochSecond(99)));
        assertEquals(AppearanceState.IDLE, shown(line.expirePublication("e1", Instant.ofEpochSecond(100))).appearance(3).state());
        assertEquals(Optional.empty(), line.publication("e1"));
    }

    @Test
    void aModifiedPublicationReplacesTheOldOne() {
        Publication first = new Publication("e1", List.of(new Appearance(3, AppearanceState.ACTIVE, null, null)), Instant.MAX);
        line.publish(first, Optional.empty());
        Publication next = new Publication("e2", List.of(new Appearance(2, AppearanceState.HELD, null, null)), Instant.MAX);
        LineState view = shown(line.publish(next, Optional.of(first)));
        assertEquals(AppearanceState.IDLE, view.appearance(3).state());
        assertEquals(AppearanceState.HELD, view.appearance(2).state());
        assertEquals(Optional.empty(), line.publication("e1"));
    }

    @Test
    void anAppearanceIsHeldByItsCallElseItsSeizeElseAPublication() {
        assertEquals(new Occupant.None(), line.occupant(1));
        line.seize(1, "desk-a", "seize-dialog");
        assertEquals(new Occupant.Seize("seize-dialog"), line.occupant(1));
        Call call = answeredIncoming(2, "desk-a");
        assertEquals(new Occupant.OfCall(call), line.occupant(2));
        assertEquals(List.of(call), List.copyOf(line.calls()));
        line.publish(new Publication("etag", List.of(new Appearance(3, AppearanceState.ACTIVE, "pbx", null)),
                Instant.parse("2026-12-03T10:00:00Z")), Optional.empty());
        assertEquals(new Occupant.Published(), line.occupant(3));
    }
}
