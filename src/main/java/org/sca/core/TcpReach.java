package org.sca.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server knows of whether a UDP target (a phone's host and port) takes a TCP
 * connection, for the requests RFC 3261 18.1.1 sends by TCP ({@link RequestTransport}). A
 * firewall that drops the connection silently would hold the line's messages for the stack's
 * whole connect timeout at every such request; a probe made off the SIP threads before the first
 * one tells that target apart. Safe for concurrent use.
 */
public final class TcpReach {

    /** What a request over the UDP limit does about its target. */
    public enum Verdict {
        /** It took a connection: TCP. */
        TCP,
        /** It refused one, or did not answer in time: UDP at once (RFC 3261 18.1.1 allows UDP when TCP fails). */
        UDP,
        /** Not known yet: TCP is tried, as RFC 3261 18.1.1 asks, and UDP after a failure. */
        TRY
    }

    /** KNOWN_FOR = 1 h: a phone's firewall changes with its network, seldom; a probe an hour per phone costs nothing. */
    static final Duration KNOWN_FOR = Duration.ofHours(1);
    /**
     * PROBE_TIMEOUT = 2 s: a connect takes milliseconds on a LAN and well under a second across
     * the internet; one still pending after 2 s lost its SYN (Linux sends it again after 1 s
     * and 3 s), and a request waiting that long for it would stall the line.
     */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** MAX_TARGETS = 65,536: a few MB; a flood of spoofed contacts drops the oldest, never grows the heap. */
    static final int MAX_TARGETS = 65_536;

    private enum Answer { REACHABLE, UNREACHABLE }

    /** The last answer (null before the first) and when it came, and whether a probe is out. */
    private record Known(Answer answer, Instant since, boolean probing) {
        Known probed(boolean out) {
            return new Known(answer, since, out);
        }
    }

    private final Clock clock;
    private final Map<String, Known> targets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_TARGETS;
        }
    };

    public TcpReach(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return whether a probe of {@code target} is due (never made, or its answer older than
     *     {@link #KNOWN_FOR}); if so, the target counts as being probed from now on
     */
    public synchronized boolean startProbe(String target) {
        Instant now = clock.instant();
        Known known = targets.get(target);
        if (known == null) {
            targets.put(target, new Known(null, now, true));
            return true;
        }
        if (known.probing || !now.isAfter(known.since.plus(KNOWN_FOR))) {
            return false;
        }
        targets.put(target, known.probed(true));
        return true;
    }

    /** The probe that {@link #startProbe} asked for could not be made: the next request asks again. */
    public synchronized void probeNotMade(String target) {
        Known known = targets.get(target);
        if (known != null && known.answer == null) {
            targets.remove(target);
        } else if (known != null) {
            targets.put(target, known.probed(false));
        }
    }

    /** What a probe or a request found: the target took a TCP connection, or it did not. */
    public synchronized void learned(String target, boolean reachable) {
        targets.remove(target); // the newest answer goes last, where the oldest are dropped from
        targets.put(target, new Known(reachable ? Answer.REACHABLE : Answer.UNREACHABLE, clock.instant(), false));
    }

    /** An answer older than {@link #KNOWN_FOR} holds until the next probe's. */
    public synchronized Verdict verdict(String target) {
        Known known = targets.get(target);
        if (known == null || known.answer == null) {
            return Verdict.TRY;
        }
        return known.answer == Answer.REACHABLE ? Verdict.TCP : Verdict.UDP;
    }
}
