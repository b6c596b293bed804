package org.sca.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered contacts of one shared line (RFC 3261 section 10.3), immutable. Expired
 * bindings are dropped when the set is read, so no timer is needed to forget a device
 * that stopped refreshing.
 */
public final class Bindings {

    private static final Bindings EMPTY = new Bindings(Map.of());

    /** Contact URI -> binding, in registration order (the order the fork rings them). */
    private final Map<String, Binding> byContact;

    private Bindings(Map<String, Binding> byContact) {
        this.byContact = byContact;
    }

    public static Bindings empty() {
        return EMPTY;
    }

    public Bindings with(Binding binding) {
        Map<String, Binding> next = new LinkedHashMap<>(byContact);
        next.put(binding.contact(), binding);
        return new Bindings(Collections.unmodifiableMap(next));
    }

    public Bindings without(String contact) {
        if (!byContact.containsKey(contact)) {
            return this;
        }
        Map<String, Binding> next = new LinkedHashMap<>(byContact);
        next.remove(contact);
        return new Bindings(Collections.unmodifiableMap(next));
    }

    /**
     * This set without the contacts {@code registration} bound earlier that it no longer
     * names: a phone that moved (new address, same boot and Call-ID) stops getting calls at the old one.
     */
    public Bindings movedTo(String registration, Collection<String> contacts) {
        Bindings result = EMPTY;
        for (Binding b : byContact.values()) {
            if (!b.registration().equals(registration) || contacts.contains(b.contact())) {
                result = result.with(b);
            }
        }
        return result.byContact.size() == byContact.size() ? this : result;
    }

    public int size() {
        return byContact.size();
    }

    /**
     * Why this set holds more than a line may, for the device at {@code source} (its flow)
     * which just bound contacts, if it does. A device is its source, not its authentication
     * ID: the phones of a line often share one ID (the origin document's do).
     */
    public Optional<String> beyond(int perLine, int perDevice, Flow source) {
        if (byContact.values().stream().filter(b -> b.source().equals(source)).count() > perDevice) {
            return Optional.of("Too many contacts from this device (at most " + perDevice + ")");
        }
        if (byContact.size() > perLine) {
            return Optional.of("Too many contacts on this line (at most " + perLine + ")");
        }
        return Optional.empty();
    }

    /** The bindings still live at {@code now}. */
    public List<Binding> liveAt(Instant now) {
        List<Binding> live = new ArrayList<>(byContact.size());
        for (Binding b : byContact.values()) {
            if (b.isLiveAt(now)) {
                live.add(b);
            }
        }
        return live;
    }

    /** This set without the bindings that lapsed before {@code now}. */
    public Bindings purgedAt(Instant now) {
        List<Binding> live = liveAt(now);
        if (live.size() == byContact.size()) {
            return this;
        }
        Bindings result = EMPTY;
        for (Binding b : live) {
            result = result.with(b);
        }
        return result;
    }
}
