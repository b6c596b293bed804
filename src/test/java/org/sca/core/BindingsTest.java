package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void keepsEveryPhoneInRegistrationOrderAndReplacesARefresh() {
        Binding a = new Binding("sip:a@10.0.0.1", "desk-a", Flow.parse("10.0.0.9:5060"), "reg-desk-a", T0.plusSeconds(60));
        Binding b = new Binding("sip:b@10.0.0.2", "desk-b", Flow.parse("10.0.0.9:5060"), "reg-desk-b", T0.plusSeconds(60));
        Binding aRefreshed = new Binding("sip:a@10.0.0.1", "desk-a", Flow.parse("10.0.0.9:5060"), "reg-desk-a", T0.plusSeconds(300));
        Bindings set = Bindings.empty().with(a).with(b).with(aRefreshed);
        assertEquals(List.of(aRefreshed, b), set.liveAt(T0));
        assertEquals(List.of(b), set.without("sip:a@10.0.0.1").liveAt(T0));
    }

    @Test
    void aSetBeyondItsCapsSaysWhich() {
        Bindings set = Bindings.empty();
        for (int i = 0; i < 3; i++) {
            set = set.with(new Binding("sip:a@10.0.0.1:" + (5060 + i), "shared", Flow.parse("10.0.0.1:5060"), "boot-1", T0.plusSeconds(60)));
        }
        set = set.with(new Binding("sip:b@10.0.0.2", "shared", Flow.parse("10.0.0.2:5060"), "boot-2", T0.plusSeconds(60)));
        assertEquals(Optional.empty(), set.beyond(4, 3, Flow.parse("10.0.0.1:5060")));
        assertEquals(Optional.of("Too many contacts from this device (at most 2)"), set.beyond(4, 2, Flow.parse("10.0.0.1:5060")));
        assertEquals(Optional.empty(), set.beyond(4, 2, Flow.parse("10.0.0.2:5060")), "another phone with the same credentials");
        assertEquals(Optional.of("Too many contacts on this line (at most 3)"), set.beyond(3, 3, Flow.parse("10.0.0.2:5060")));
    }

    @Test
    void lapsedBindingsAreNotLiveAndArePurged() {
        Binding shortOne = new Binding("sip:a@10.0.0.1", "desk-a", Flow.parse("10.0.0.9:5060"), "reg-desk-a", T0.plusSeconds(2));
        Binding longOne = new Binding("sip:b@10.0.0.2", "desk-b", Flow.parse("10.0.0.9:5060"), "reg-desk-b", T0.plusSeconds(60));
        Bindings set = Bindings.empty().with(shortOne).with(longOne);
        assertEquals(List.of(longOne), set.liveAt(T0.plusSeconds(2)));
        assertEquals(List.of(longOne), set.purgedAt(T0.plusSeconds(3)).liveAt(T0));
        assertSame(set, set.purgedAt(T0), "nothing lapsed: the same set");
        assertEquals(2, shortOne.secondsLeftAt(T0.plusMillis(100)));
    }

    @Test
    void aPhoneThatMovedStopsBeingRungAtItsOldContact() {
        Binding old = new Binding("sip:a@10.0.0.1:5060", "desk-a", Flow.parse("10.0.0.1:5060"), "boot-1", T0.plusSeconds(60));
        Binding other = new Binding("sip:b@10.0.0.2:5060", "desk-b", Flow.parse("10.0.0.2:5060"), "boot-2", T0.plusSeconds(60));
        Binding moved = new Binding("sip:a@10.0.0.7:5060", "desk-a", Flow.parse("10.0.0.7:5060"), "boot-1", T0.plusSeconds(60));
        Bindings bindings = Bindings.empty().with(old).with(other).with(moved).movedTo("boot-1", List.of(moved.contact()));
        assertEquals(List.of(other, moved), bindings.liveAt(T0));
        assertSame(bindings, bindings.movedTo("boot-1", List.of(moved.contact())), "nothing moved: the same set");
    }
}
