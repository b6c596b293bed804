package org.sca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.Binding;
import org.sca.core.Flow;
import org.sca.core.Dialog;
import org.sca.core.Publication;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.Subscription;

/** The embedded store against a real SQLite file: what one run writes, the next one loads. */
class StateStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Dialog DIALOG = new Dialog("c1@phone", "sip:line@sca", "srv1", "sip:line@sca", "ph1",
            "sip:phone@127.0.0.1:5070", List.of("<sip:proxy@10.0.0.1;lr>", "<sip:edge@10.0.0.2;lr>"), 7);

    private static final Publication PUBLICATION = new Publication("e1", List.of(
            new Appearance(1, AppearanceState.ACTIVE, null, "\"Bob\" <sip:bob@pbx>"),
            new Appearance(3, AppearanceState.HELD, null, null)), T0.plusSeconds(120));

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("data/sca.db");
    }

    @Test
    void whatOneRunWritesTheNextLoads() {
        Binding binding = new Binding("sip:a@127.0.0.1:5070", "desk-a", Flow.parse("127.0.0.1:5070"), "reg1", T0.plusSeconds(300));
        Subscription subscription = new Subscription(new EventPackage.CallInfo("desk-a"), T0.plusSeconds(600), DIALOG, false);
        try (StateStore store = StateStore.open(url(), CLOCK)) {
            store.bindings("l1", List.of(binding));
            store.subscription("l1", subscription);
            store.subscription("l1", subscription.sent(9));
            store.callLeg("l1", 1, StateStore.Leg.TRUNK, DIALOG);
            store.publication("l1", PUBLICATION);
        }
        try (StateStore next = StateStore.open(url(), CLOCK)) {
            Snapshot.Line line = next.loaded().lines().get("l1");
            assertEquals(List.of(PUBLICATION), line.publications());
            assertEquals(List.of(binding), line.bindings());
            assertEquals(List.of(new Subscription(subscription.about(), subscription.expiresAt(), DIALOG.sent(9), true)),
                    line.subscriptions(), "the newest CSeq, and restored");
            assertEquals(List.of(DIALOG), line.callLegs());
        }
    }

    @Test
    void endedThingsAndLapsedOnesAreNotLoaded() {
        Subscription ended = new Subscription(new EventPackage.CallInfo("desk-a"), T0.plusSeconds(600), DIALOG, false);
        try (StateStore store = StateStore.open(url(), CLOCK)) {
            store.bindings("l1", List.of(new Binding("sip:a@h", "desk-a", Flow.parse("h:1"), "r", T0.plusSeconds(1))));
            store.subscription("l1", ended);
            store.subscriptionEnded("l1", ended);
            store.callLeg("l1", 1, StateStore.Leg.PHONE, DIALOG);
            store.callEnded("l1", 1);
        }
        try (StateStore later = StateStore.open(url(), Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC))) {
            assertEquals(Snapshot.EMPTY, later.loaded());
        }
    }

    @Test
    void aRemovedLineLeavesNothing() {
        try (StateStore store = StateStore.open(url(), CLOCK)) {
            store.bindings("gone", List.of(new Binding("sip:a@h", "desk-a", Flow.parse("h:1"), "r", T0.plusSeconds(60))));
            store.subscription("gone", new Subscription(new EventPackage.CallInfo("desk-a"), T0.plusSeconds(60), DIALOG, false));
            store.publication("gone", PUBLICATION);
            store.callLeg("gone", 1, StateStore.Leg.PHONE, DIALOG);
        }
        try (StateStore next = StateStore.open(url(), CLOCK)) {
            assertEquals(1, next.loaded().lines().size());
            next.lineRemoved("gone");
        }
        try (StateStore last = StateStore.open(url(), CLOCK)) {
            assertEquals(Snapshot.EMPTY, last.loaded());
        }
    }

    @Test
    void anUnreadableFileIsMovedAsideAndAnEmptyOneTakesItsPlace() throws Exception {
        Path db = Files.createDirectories(dir.resolve("data")).resolve("sca.db");
        Files.writeString(db, "not a database ".repeat(200));
        try (StateStore store = StateStore.open(url(), CLOCK)) {
            assertEquals(Snapshot.EMPTY, store.loaded());
            store.bindings("l1", List.of(new Binding("sip:a@h", "desk-a", Flow.parse("h:1"), "r", T0.plusSeconds(60))));
        }
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("sca.db.corrupt-")));
        }
        try (StateStore next = StateStore.open(url(), CLOCK)) {
            assertEquals(1, next.loaded().lines().get("l1").bindings().size(), "the new file took the writes");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedLeavesTheServerRunningFromMemory() {
        try (StateStore store = StateStore.open("jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1", CLOCK)) {
            assertEquals(Snapshot.EMPTY, store.loaded());
            store.bindings("l1", List.of()); // queued for the retry, not thrown
        }
    }
}
