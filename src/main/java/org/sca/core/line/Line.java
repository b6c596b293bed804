package org.sca.core.line;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.sca.core.Appearance;
import org.sca.core.AppearanceEvent;
import org.sca.core.AppearanceState;
import org.sca.core.LineState;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.Publication;
import org.sca.core.Transitions;
import org.sca.core.call.Call;
import org.sca.core.call.Phase;
import org.sca.core.call.Retrieval;

/**
 * One shared line: its appearances and everything that holds one (the calls the server
 * bridges, line-seize subscriptions, publications). Every appearance change goes through
 * {@link Transitions}, and each change says whether phones see something new ({@link Change}).
 * Not thread-safe: the container runs one line's messages and timers one at a time.
 */
public final class Line {

    private LineState own;
    /** The view last shown to every subscriber: an unchanged view is not sent again. */
    private LineState lastShown;
    private final Map<Integer, Call> calls = new HashMap<>();
    /** The line-seize dialog holding each seized appearance. */
    private final Map<Integer, String> seizes = new HashMap<>();
    /** Publications by entity tag, oldest first. */
    private final Map<String, Publication> publications = new LinkedHashMap<>();

    public Line(int maxAppearances) {
        own = LineState.empty(maxAppearances);
        lastShown = own;
    }

    /** What subscribers see: the server's appearances with the published ones merged in. */
    public LineState view() {
        return publications.isEmpty() ? own : Publication.overlay(own, publications.values());
    }

    /** @throws MalformedCallInfoException when the line has no appearance {@code index} */
    public void checkIndex(int index) throws MalformedCallInfoException {
        if (!own.isValidIndex(index)) {
            throw new MalformedCallInfoException("appearance-index beyond the line's appearances");
        }
    }

    /** The appearance a phone asked for, else the lowest idle one; empty when none is idle. */
    public OptionalInt pick(OptionalInt asked) {
        return asked.isPresent() ? asked : own.lowestIdle();
    }

    /** Whether {@code phone} may start something on a valid {@code index}: idle, or seized by that phone. */
    public boolean freeFor(int index, String phone) {
        Appearance a = own.appearance(index);
        return a.state() == AppearanceState.IDLE || a.state() == AppearanceState.SEIZED && phone.equals(a.owner());
    }

    public AppearanceState state(int index) {
        return own.appearance(index).state();
    }

    /** The call that {@code leg} (a SipSession ID) is part of. */
    public Optional<Call> callOn(String leg) {
        return calls.values().stream().filter(c -> c.involves(leg)).findFirst();
    }

    public Optional<Call> call(int index) {
        return Optional.ofNullable(calls.get(index));
    }

    /** The calls the server bridges on this line, one per appearance at most. */
    public Collection<Call> calls() {
        return List.copyOf(calls.values());
    }

    /** What keeps a valid {@code index} busy: a call first, then a seize, then a publication. */
    public Occupant occupant(int index) {
        Call call = calls.get(index);
        if (call != null) {
            return new Occupant.OfCall(call);
        }
        String seize = seizes.get(index);
        if (seize != null) {
            return new Occupant.Seize(seize);
        }
        return view().appearance(index).state() == AppearanceState.IDLE ? new Occupant.None() : new Occupant.Published();
    }

    /** A new call takes its appearance: a call from the PBX alerts, a phone's call seizes an idle one. */
    public Change start(Call call) {
        calls.put(call.index(), call);
        if (call.direction() == Call.Direction.INCOMING) {
            return move(call, AppearanceEvent.RING);
        }
        // Dialling without a seize still takes the appearance: no incoming call may land on it.
        return state(call.index()) == AppearanceState.IDLE ? move(call, AppearanceEvent.SEIZE) : new Change.Unseen();
    }

    /** {@code event} happened to the call; the appearance shows the call's owner and remote party. */
    public Change move(Call call, AppearanceEvent event) {
        return move(call.index(), event, call.owner(), call.remoteParty());
    }

    /** A phone's call got an 18x: the first one shows the seized appearance progressing, later ones change nothing. */
    public Change progress(Call call) {
        return state(call.index()) == AppearanceState.SEIZED ? move(call, AppearanceEvent.DIAL_PROGRESS) : new Change.Unseen();
    }

    /** The call is over: its appearance is free. */
    public Change end(Call call) {
        calls.remove(call.index(), call);
        return move(call, AppearanceEvent.END);
    }

    /**
     * Whether {@code phone} may pick up the call on {@code index}: a held one by anyone, a
     * privately held one only by its owner, and one pickup at a time.
     */
    public Pickup pickup(int index, String phone) {
        Call call = calls.get(index);
        if (call == null || call.phase() instanceof Phase.Ringing) {
            return new Pickup.Refused(Retrieval.refusal(AppearanceState.IDLE, false).orElseThrow());
        }
        AppearanceState held = state(index);
        Optional<String> refusal = Retrieval.refusal(held, phone.equals(call.owner()));
        if (refusal.isPresent()) {
            return new Pickup.Refused(refusal.get());
        }
        if (call.phase() instanceof Phase.Bridging) {
            return new Pickup.Refused("Appearance is being retrieved by another phone");
        }
        // The owner taking back its own private hold resumes; anyone taking a held call retrieves.
        return new Pickup.Allowed(call, held == AppearanceState.HELD ? AppearanceEvent.RETRIEVE : AppearanceEvent.RESUME);
    }

    /** {@code phone} seized {@code index} with the line-seize dialog {@code dialog} (or refreshed it). */
    public Change seize(int index, String phone, String dialog) {
        seizes.put(index, dialog);
        return state(index) == AppearanceState.IDLE ? move(index, AppearanceEvent.SEIZE, phone, null) : new Change.Unseen();
    }

    /**
     * The seize of {@code dialog} ended without a call; the appearance goes idle unless a call
     * took it over or the phone seized it anew.
     */
    public Change releaseSeize(int index, String phone, String dialog) {
        seizes.remove(index, dialog);
        Appearance a = own.appearance(index);
        boolean stillTaken = calls.containsKey(index) || seizes.containsKey(index);
        if (a.state() != AppearanceState.SEIZED || !phone.equals(a.owner()) || stillTaken) {
            return new Change.Unseen();
        }
        return move(index, AppearanceEvent.RELEASE, null, null);
    }

    /** The seizer's call reached the PBX: the seize has done its job. @return its dialog, if any */
    public Optional<String> seizeUsedUp(int index) {
        return Optional.ofNullable(seizes.remove(index));
    }

    public Optional<Publication> publication(String etag) {
        return Optional.ofNullable(publications.get(etag));
    }

    /** A publication arrives, replacing {@code replaced} (a refresh or modify) when given. */
    public Change publish(Publication next, Optional<Publication> replaced) {
        replaced.ifPresent(p -> publications.remove(p.etag()));
        publications.put(next.etag(), next);
        return shown();
    }

    public Change withdraw(String etag) {
        publications.remove(etag);
        return shown();
    }

    /** Withdraws the publication if it was not refreshed or modified by {@code now}. */
    public Change expirePublication(String etag, Instant now) {
        Publication p = publications.get(etag);
        return p != null && !p.expiresAt().isAfter(now) ? withdraw(etag) : new Change.Unseen();
    }

    /** The only place an appearance changes. */
    private Change move(int index, AppearanceEvent event, String owner, String remoteParty) {
        AppearanceState from = state(index);
        Optional<AppearanceState> to = Transitions.next(from, event);
        if (to.isEmpty()) {
            return new Change.Refused(index, from, event);
        }
        own = own.with(to.get() == AppearanceState.IDLE
                ? Appearance.idle(index)
                : new Appearance(index, to.get(), owner, remoteParty));
        return shown();
    }

    private Change shown() {
        LineState view = view();
        if (view.equals(lastShown)) {
            return new Change.Unseen();
        }
        lastShown = view;
        return new Change.Shown(view);
    }
}
