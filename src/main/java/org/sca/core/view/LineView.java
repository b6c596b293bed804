package org.sca.core.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.Binding;
import org.sca.core.LineState;
import org.sca.core.subscription.Subscription;

/**
 * What an operator sees of one line at one moment: its busy appearances, registered phones and
 * subscriptions. Immutable, built on the line's own thread and read from any other; equal to
 * an earlier view exactly when nothing an operator sees has changed (expiry instants, not
 * seconds left, so the passing of time alone changes nothing).
 *
 * @param maxAppearances how many keys the line has, idle ones included
 * @param appearances    the busy ones, lowest index first
 */
public record LineView(String id, String aor, int maxAppearances, List<AppearanceView> appearances,
        List<RegistrationView> registrations, List<SubscriptionView> subscriptions) {

    public LineView {
        appearances = List.copyOf(appearances);
        registrations = List.copyOf(registrations);
        subscriptions = List.copyOf(subscriptions);
    }

    /** A busy appearance; {@code since} is when it entered its state. Owner and remote may be null. */
    public record AppearanceView(int index, AppearanceState state, String owner, String remote, Instant since) {}

    /**
     * @param device who registered the contact: the authentication ID, or the trusted address
     * @param source where the REGISTER came from ({@link org.sca.core.Flow})
     */
    public record RegistrationView(String contact, String device, String source, Instant expiresAt) {}

    /** @param event {@code call-info} or {@code line-seize}; contact is the subscriber's Contact (the dialog's remote target) */
    public record SubscriptionView(String event, String device, String contact, Instant expiresAt) {}

    /** A line nothing has happened on yet. */
    public static LineView quiet(String id, String aor, int maxAppearances) {
        return new LineView(id, aor, maxAppearances, List.of(), List.of(), List.of());
    }

    /**
     * The view of a line now; an appearance whose state {@code before} already showed keeps
     * its {@code since}.
     *
     * @param subscriptions by dialog
     */
    public static LineView of(String id, String aor, LineState shown, List<Binding> live,
            Map<String, Subscription> subscriptions, Instant now, Optional<LineView> before) {
        List<AppearanceView> busy = new ArrayList<>();
        for (Appearance a : shown.busy()) {
            Instant since = before.flatMap(b -> b.appearance(a.index()))
                    .filter(earlier -> earlier.state() == a.state())
                    .map(AppearanceView::since).orElse(now);
            busy.add(new AppearanceView(a.index(), a.state(), a.owner(), a.remoteParty(), since));
        }
        List<RegistrationView> registrations = live.stream()
                .map(b -> new RegistrationView(b.contact(), b.device(), b.source().toString(), b.expiresAt())).toList();
        List<SubscriptionView> subs = subscriptions.values().stream()
                .map(s -> new SubscriptionView(s.about().event(), s.about().device(), s.dialog().remoteTarget(), s.expiresAt())).toList();
        return new LineView(id, aor, shown.maxAppearances(), busy, registrations, subs);
    }

    public Optional<AppearanceView> appearance(int index) {
        return appearances.stream().filter(a -> a.index() == index).findFirst();
    }
}
