package org.sca.core.subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriptions of one line, both event packages, by dialog (the container's SipSession
 * ID), in the order they were first granted: the order the fan-out NOTIFYs go in.
 */
public final class SubscriptionStore {

    private final Map<String, Subscription> byDialog = new LinkedHashMap<>();

    /** Grants or refreshes the subscription of {@code dialog}; a refresh keeps its place. */
    public void put(String dialog, Subscription subscription) {
        byDialog.put(dialog, subscription);
    }

    public Optional<Subscription> get(String dialog) {
        return Optional.ofNullable(byDialog.get(dialog));
    }

    /** The subscription of {@code dialog} if it is about {@code type}. */
    public <P extends EventPackage> Optional<P> about(String dialog, Class<P> type) {
        return get(dialog).map(Subscription::about).filter(type::isInstance).map(type::cast);
    }

    public Optional<Subscription> remove(String dialog) {
        return Optional.ofNullable(byDialog.remove(dialog));
    }

    /** The key of the subscription in the dialog with {@code callId} where the server's tag is {@code localTag}. */
    public Optional<String> keyOfDialog(String callId, String localTag) {
        return byDialog.entrySet().stream()
                .filter(e -> e.getValue().dialog().callId().equals(callId) && e.getValue().dialog().localTag().equals(localTag))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The key of the subscription whose dialog a request with these identifiers is in, as the subscriber sends them. */
    public Optional<String> keyOfRequest(String callId, String fromTag, String toTag) {
        return byDialog.entrySet().stream().filter(e -> e.getValue().dialog().matches(callId, fromTag, toTag))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Every subscription by dialog, first granted first. */
    public Map<String, Subscription> all() {
        return Collections.unmodifiableMap(byDialog);
    }

    /**
     * Why one more call-info subscription of the device at {@code target} (its Contact) would
     * be more than the line may hold, if it would. A device is its Contact, not its
     * authentication ID: the phones of a line often share one ID.
     */
    public Optional<String> beyond(int perLine, int perDevice, String target) {
        long ofLine = 0;
        long ofDevice = 0;
        for (Subscription s : byDialog.values()) {
            if (s.about() instanceof EventPackage.CallInfo) {
                ofLine++;
                ofDevice += s.dialog().remoteTarget().equals(target) ? 1 : 0;
            }
        }
        if (ofDevice >= perDevice) {
            return Optional.of("Too many subscriptions from this device (at most " + perDevice + ")");
        }
        if (ofLine >= perLine) {
            return Optional.of("Too many subscriptions on this line (at most " + perLine + ")");
        }
        return Optional.empty();
    }

    /** The call-info subscription dialogs, first granted first. */
    public List<String> callInfoDialogs() {
        List<String> dialogs = new ArrayList<>();
        byDialog.forEach((dialog, s) -> {
            if (s.about() instanceof EventPackage.CallInfo) {
                dialogs.add(dialog);
            }
        });
        return dialogs;
    }
}
