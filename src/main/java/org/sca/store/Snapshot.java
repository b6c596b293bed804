package org.sca.store;

import java.util.List;
import java.util.Map;
import org.sca.core.Binding;
import org.sca.core.Dialog;
import org.sca.core.Publication;
import org.sca.core.subscription.Subscription;

/** What the last run left of each line, live rows only: what a start-up restores. */
public record Snapshot(Map<String, Line> lines) {

    public static final Snapshot EMPTY = new Snapshot(Map.of());

    public Snapshot {
        lines = Map.copyOf(lines);
    }

    /**
     * One line's stored state.
     *
     * @param bindings      registered contacts
     * @param subscriptions call-info subscriptions, each with its dialog
     * @param publications  call-info publications
     * @param callLegs      the dialogs of the calls that were up: no container knows them now
     */
    public record Line(List<Binding> bindings, List<Subscription> subscriptions, List<Publication> publications,
            List<Dialog> callLegs) {

        public Line {
            bindings = List.copyOf(bindings);
            subscriptions = List.copyOf(subscriptions);
            publications = List.copyOf(publications);
            callLegs = List.copyOf(callLegs);
        }
    }
}
