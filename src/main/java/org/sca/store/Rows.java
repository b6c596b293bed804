package org.sca.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.Binding;
import org.sca.core.Dialog;
import org.sca.core.Flow;
import org.sca.core.Publication;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.Subscription;

/** The core's values as rows and back: the only place that knows the stored field order. */
final class Rows {

    /** A call has no expiry of its own: its row goes when the call ends. */
    static final Instant NEVER = Instant.ofEpochMilli(Long.MAX_VALUE);

    private Rows() {}

    static Row binding(String line, Binding b) {
        return new Row(new RowKey(line, Kind.BINDING, b.contact()),
                Fields.join(List.of(b.device(), b.source().toString(), b.registration())), b.expiresAt());
    }

    static Row subscription(String line, Subscription s) {
        String device = ((EventPackage.CallInfo) s.about()).device();
        return new Row(subscriptionKey(line, s), Fields.join(prepend(device, dialog(s.dialog()))), s.expiresAt());
    }

    static RowKey subscriptionKey(String line, Subscription s) {
        return new RowKey(line, Kind.SUBSCRIPTION, s.storeKey());
    }

    /** A publication's appearances, three list items each: index, state, remote party ("" for none). */
    static Row publication(String line, Publication p) {
        List<String> items = new ArrayList<>();
        for (Appearance a : p.appearances()) {
            items.addAll(List.of(Integer.toString(a.index()), a.state().name(), a.remoteParty() == null ? "" : a.remoteParty()));
        }
        return new Row(new RowKey(line, Kind.PUBLICATION, p.etag()), Fields.join(List.of(Fields.list(items))), p.expiresAt());
    }

    static Row callLeg(String line, int index, String role, Dialog leg) {
        return new Row(callLegKey(line, index, role), Fields.join(dialog(leg)), NEVER);
    }

    static RowKey callLegKey(String line, int index, String role) {
        return new RowKey(line, Kind.CALL, index + ":" + role);
    }

    /** The rows, by line; a row that does not decode is skipped and reported to {@code bad}. */
    static Snapshot snapshot(List<Row> rows, Consumer<Row> bad) {
        Map<String, List<Binding>> bindings = new HashMap<>();
        Map<String, List<Subscription>> subscriptions = new HashMap<>();
        Map<String, List<Dialog>> legs = new HashMap<>();
        Map<String, List<Publication>> publications = new HashMap<>();
        for (Row row : rows) {
            String line = row.key().line();
            try {
                List<String> f = Fields.split(row.data());
                switch (row.key().kind()) {
                    case BINDING -> bindings.computeIfAbsent(line, k -> new ArrayList<>())
                            .add(new Binding(row.key().id(), f.get(0), Flow.parse(f.get(1)), f.get(2), row.expiresAt()));
                    case SUBSCRIPTION -> subscriptions.computeIfAbsent(line, k -> new ArrayList<>())
                            .add(new Subscription(new EventPackage.CallInfo(f.get(0)), row.expiresAt(), dialog(f, 1), true));
                    case CALL -> legs.computeIfAbsent(line, k -> new ArrayList<>()).add(dialog(f, 0));
                    case PUBLICATION -> publications.computeIfAbsent(line, k -> new ArrayList<>())
                            .add(new Publication(row.key().id(), appearances(Fields.items(f.get(0))), row.expiresAt()));
                }
            } catch (RuntimeException e) {
                bad.accept(row);
            }
        }
        Map<String, Snapshot.Line> lines = new HashMap<>();
        for (String line : union(bindings, subscriptions, legs, publications)) {
            lines.put(line, new Snapshot.Line(bindings.getOrDefault(line, List.of()), subscriptions.getOrDefault(line, List.of()),
                    publications.getOrDefault(line, List.of()), legs.getOrDefault(line, List.of())));
        }
        return new Snapshot(lines);
    }

    private static List<Appearance> appearances(List<String> items) {
        List<Appearance> appearances = new ArrayList<>();
        for (int i = 0; i + 2 < items.size(); i += 3) {
            appearances.add(new Appearance(Integer.parseInt(items.get(i)), AppearanceState.valueOf(items.get(i + 1)), null,
                    items.get(i + 2).isEmpty() ? null : items.get(i + 2)));
        }
        return appearances;
    }

    private static List<String> dialog(Dialog d) {
        return List.of(d.callId(), d.localUri(), d.localTag(), d.remoteUri(), d.remoteTag(), d.remoteTarget(),
                Fields.list(d.routeSet()), Long.toString(d.localCseq()));
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Dialog dialog(List<String> f, int at) {
        return new Dialog(f.get(at), f.get(at + 1), f.get(at + 2), f.get(at + 3), f.get(at + 4), f.get(at + 5),
                Fields.items(f.get(at + 6)), Long.parseLong(f.get(at + 7)));
    }

    @SafeVarargs
    private static List<String> union(Map<String, ?>... maps) {
        List<String> keys = new ArrayList<>();
        for (Map<String, ?> m : maps) {
            m.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        }
        return keys;
    }
}
