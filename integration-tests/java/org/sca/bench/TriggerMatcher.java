package org.sca.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trigger to NOTIFY, from the sipp processes' logs. The senders log each trigger just before
 * they send it ({@code T LINE KIND SECONDS MICROS}: the PBX its INVITE, phone A its 200 and its
 * hold, the retrieving phone its INVITE and its BYE), each watcher every NOTIFY as it arrives
 * ({@code N LINE appearance-state=STATE SECONDS MICROS}); all on one clock (gettimeofday, one
 * machine). Each trigger, in time order, takes the watcher's earliest NOTIFY of the line with
 * the state it causes that no earlier trigger took and that came within {@link #WINDOW_SECONDS};
 * none: the NOTIFY is lost. A server that notifies one change twice (Kamailio sends the held
 * state for the re-INVITE and again for its ACK) is measured by its first NOTIFY.
 */
final class TriggerMatcher {

    /** Longer than any cycle: a NOTIFY this late belongs to no trigger of its cycle. */
    static final double WINDOW_SECONDS = 2.0;

    /** What each trigger makes the line's appearance; a server model without alerting leaves INVITE out. */
    static Map<String, String> statesByTrigger(boolean alerting) {
        Map<String, String> states = new HashMap<>(Map.of("answer", "active", "hold", "held", "retrieve", "active",
                "bye", "idle"));
        if (alerting) {
            states.put("invite", "alerting");
        }
        return states;
    }

    private record Event(String line, String what, double at) {
        static Event parse(String logLine) {
            String[] f = logLine.trim().split("\\s+");
            String line = f[1].startsWith("sip:") ? f[1].substring(4) : f[1];
            String what = f[2].startsWith("appearance-state=") ? f[2].substring("appearance-state=".length()) : f[2];
            // A NOTIFY logged at a whole second had no microseconds at all ("... 1796383562.000000 "):
            // sipp writes a variable that holds 0 as nothing.
            double micros = f.length > 4 ? Double.parseDouble(f[4]) : 0;
            return new Event(line, what, Double.parseDouble(f[3]) + micros / 1e6);
        }
    }

    /** The latencies (ms) of one watcher's NOTIFYs, and the triggers whose NOTIFY never came. */
    record Matched(List<Double> millis, int lost) {}

    private TriggerMatcher() {}

    static Matched match(List<String> triggerLog, List<String> watcherLog, Map<String, String> statesByTrigger) {
        Map<String, List<Event>> notifies = new HashMap<>();
        for (String l : watcherLog) {
            if (l.startsWith("N ")) {
                Event e = Event.parse(l);
                notifies.computeIfAbsent(e.line() + " " + e.what(), k -> new ArrayList<>()).add(e);
            }
        }
        notifies.values().forEach(list -> list.sort(Comparator.comparingDouble(Event::at)));
        Map<String, Integer> taken = new HashMap<>();
        List<Event> triggers = triggerLog.stream().filter(l -> l.startsWith("T ")).map(Event::parse)
                .filter(t -> statesByTrigger.containsKey(t.what())).sorted(Comparator.comparingDouble(Event::at)).toList();
        List<Double> millis = new ArrayList<>();
        int lost = 0;
        for (Event t : triggers) {
            String key = t.line() + " " + statesByTrigger.get(t.what());
            List<Event> candidates = notifies.getOrDefault(key, List.of());
            int i = taken.getOrDefault(key, 0);
            while (i < candidates.size() && candidates.get(i).at() < t.at()) {
                i++; // a duplicate or a NOTIFY of an earlier trigger: nobody's now
            }
            if (i < candidates.size() && candidates.get(i).at() - t.at() <= WINDOW_SECONDS) {
                millis.add((candidates.get(i).at() - t.at()) * 1000);
                taken.put(key, i + 1);
            } else {
                lost++;
                taken.put(key, i);
            }
        }
        return new Matched(millis, lost);
    }
}
