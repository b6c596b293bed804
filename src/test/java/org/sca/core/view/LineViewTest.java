package org.sca.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.Binding;
import org.sca.core.Flow;
import org.sca.core.Dialog;
import org.sca.core.LineState;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.Subscription;

class LineViewTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String CALLER = "<sip:4164542289@pbx.test>";

    private static LineView at(LineState state, Instant now, Optional<LineView> before) {
        return LineView.of("demo", "sip:demo@192.0.2.1", state, List.of(), Map.of(), now, before);
    }

    @Test
    void anAppearanceKeepsItsSinceWhileItsStateStaysAndRestartsItWhenItChanges() {
        LineState alerting = LineState.empty(3).with(new Appearance(1, AppearanceState.ALERTING, null, CALLER));
        LineView first = at(alerting, T0, Optional.empty());
        LineView same = at(alerting, T0.plusSeconds(5), Optional.of(first));
        assertEquals(first, same, "nothing an operator sees changed");
        LineState active = alerting.with(new Appearance(1, AppearanceState.ACTIVE, "desk-a", CALLER));
        LineView answered = at(active, T0.plusSeconds(7), Optional.of(same));
        assertEquals(new LineView.AppearanceView(1, AppearanceState.ACTIVE, "desk-a", CALLER, T0.plusSeconds(7)),
                answered.appearance(1).orElseThrow());
        assertEquals(3, answered.maxAppearances());
    }

    @Test
    void registrationsAndSubscriptionsNameTheirDevices() {
        Map<String, Subscription> subs = new LinkedHashMap<>();
        subs.put("d1", new Subscription(new EventPackage.CallInfo("alice"), T0.plusSeconds(60), dialog("sip:alice@192.0.2.7"), false));
        subs.put("d2", new Subscription(new EventPackage.LineSeize(2, "bob@192.0.2.8:5060"), T0.plusSeconds(15),
                dialog("sip:bob@192.0.2.8"), false));
        LineView view = LineView.of("demo", "sip:demo@192.0.2.1", LineState.empty(2),
                List.of(new Binding("sip:alice@192.0.2.7", "alice", Flow.parse("192.0.2.7:5060"), "reg-1", T0.plusSeconds(300))), subs, T0,
                Optional.empty());
        assertEquals(List.of(new LineView.RegistrationView("sip:alice@192.0.2.7", "alice", "192.0.2.7:5060", T0.plusSeconds(300))),
                view.registrations());
        assertEquals(List.of(
                new LineView.SubscriptionView("call-info", "alice", "sip:alice@192.0.2.7", T0.plusSeconds(60)),
                new LineView.SubscriptionView("line-seize", "bob@192.0.2.8:5060", "sip:bob@192.0.2.8", T0.plusSeconds(15))),
                view.subscriptions());
    }

    private static Dialog dialog(String target) {
        return new Dialog("c1@phone", "sip:demo@192.0.2.1", "srv", "sip:demo@192.0.2.1", "ph", target, List.of(), 1);
    }

    @Test
    void aQuietLineIsAllIdle() {
        LineView quiet = LineView.quiet("demo", "sip:demo@192.0.2.1", 10);
        assertEquals(at(LineState.empty(10), T0, Optional.empty()), quiet);
    }
}
