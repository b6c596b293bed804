package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationTest {

    private static final Instant LATER = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void publishedAppearancesFillIdleIndicesButNeverOverrideTheServersOwn() {
        Appearance ownCall = new Appearance(1, AppearanceState.ACTIVE, "desk-a", "<sip:1@pbx>");
        LineState own = LineState.empty(4).with(ownCall);
        Publication pbx = new Publication("e1", List.of(
                new Appearance(1, AppearanceState.HELD, null, "<sip:2@pbx>"),
                new Appearance(3, AppearanceState.ALERTING, null, "<sip:3@pbx>")), LATER);
        LineState view = Publication.overlay(own, List.of(pbx));
        assertEquals(ownCall, view.appearance(1));
        assertEquals(AppearanceState.ALERTING, view.appearance(3).state());
        assertEquals(AppearanceState.IDLE, view.appearance(2).state());
    }

    @Test
    void aRefreshKeepsTheStateUnderANewTag() {
        Publication p = new Publication("e1", List.of(new Appearance(2, AppearanceState.HELD, null, null)), LATER);
        Publication refreshed = p.refreshed("e2", LATER.plusSeconds(60));
        assertEquals("e2", refreshed.etag());
        assertEquals(p.appearances(), refreshed.appearances());
    }
}
