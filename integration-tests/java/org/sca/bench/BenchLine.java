package org.sca.bench;

import java.util.List;
import java.util.Queue;
import org.sca.it.SipMessage;

/**
 * One shared line of the benchmark and the cycle it runs, one cycle at a time, so that every
 * call-info NOTIFY belongs to exactly one state change: incoming call (alerting), answer
 * (active), hold (held), retrieve from the other phone (active), hang-up (idle). A step ends
 * when every phone has been NOTIFYed of its state and the step's own messages are through;
 * then the next step's triggering message goes out. Subclasses say what triggers a step and
 * what else it waits for.
 */
abstract class BenchLine implements Device.Handler {

    enum Step {
        ALERTING("alerting"), ANSWERED("active"), HELD("held"), RETRIEVED("active"), IDLE("idle");

        final String state;

        Step(String state) {
            this.state = state;
        }
    }

    /** A cycle not done in this time is failed; far above any latency the targets allow. */
    static final long CYCLE_TIMEOUT_NANOS = 5_000_000_000L;
    /** Bits below this are a step's own expectations; from here on, one per phone's NOTIFY. */
    private static final int FIRST_NOTIFY_BIT = 16;

    final String user;
    final List<Device> phones;
    /** The lines ready for a cycle, this one among them between its cycles. */
    final Queue<BenchLine> free;
    StepResults results;
    Step step;
    private int pending;
    private long triggerNanos;
    private long startedNanos;
    boolean busy;

    BenchLine(String user, List<Device> phones, Queue<BenchLine> free) {
        this.user = user;
        this.phones = phones;
        this.free = free;
        phones.forEach(p -> p.handler = this);
    }

    /** Sends the triggering message of a step. */
    abstract void trigger(Step step);

    /** The step's own expectations (bits below 16) besides the NOTIFYs. */
    abstract int expectations(Step step);

    /**
     * A call-info NOTIFY the line's cycle may not be waiting for: the one after subscribing or
     * refreshing. True when it belonged there; false leaves it to the cycle, where a NOTIFY
     * no step waits for counts as one too many.
     */
    abstract boolean notifiedOutsideCycle(Device phone, SipMessage notify);

    /** The requests of the step other than NOTIFY. */
    abstract void onCallRequest(Device device, SipMessage request, long arrivedNanos);

    void start(StepResults into) {
        results = into;
        busy = true;
        startedNanos = System.nanoTime();
        begin(Step.ALERTING);
    }

    private void begin(Step next) {
        step = next;
        pending = expectations(next) | (((1 << phones.size()) - 1) << FIRST_NOTIFY_BIT);
        triggerNanos = System.nanoTime();
        trigger(next);
    }

    /** One expectation of the current step is met. */
    void met(int expectation) {
        if (!busy || (pending & expectation) == 0) {
            return;
        }
        pending &= ~expectation;
        if (pending != 0) {
            return;
        }
        if (step == Step.IDLE) {
            busy = false;
            results.completed++;
            results.lastCompletionNanos = System.nanoTime();
            forget();
            free.add(this);
        } else {
            begin(Step.values()[step.ordinal() + 1]);
        }
    }

    /**
     * Gives the cycle up; the line is not used again in this run, since what the server still
     * holds for it is unknown.
     */
    void fail(String why) {
        if (!busy) {
            return;
        }
        busy = false;
        results.fail(step + ": " + why);
        results.lostNotifies += Integer.bitCount(pending >>> FIRST_NOTIFY_BIT);
        phones.forEach(Device::forgetAll);
        forget();
    }

    /** Drops what the line's cycle registered outside itself once the cycle is over. */
    void forget() {}

    void checkTimeout(long now) {
        if (busy && now - startedNanos > CYCLE_TIMEOUT_NANOS) {
            fail("timeout");
        }
    }

    @Override
    public final void onRequest(Device device, SipMessage request, long arrivedNanos) {
        if (!request.method().equals("NOTIFY")) {
            onCallRequest(device, request, arrivedNanos);
            return;
        }
        device.reply(request, 200, "OK", null);
        if (notifiedOutsideCycle(device, request) || results == null) {
            return;
        }
        String state = firstAppearanceState(request);
        results.notifies++;
        int bit = 1 << (FIRST_NOTIFY_BIT + phones.indexOf(device));
        if (busy && (pending & bit) != 0 && state.equals(step.state)) {
            results.latency(step, arrivedNanos - triggerNanos);
            met(bit);
        } else {
            results.extraNotifies++;
        }
    }

    /** The state of appearance 1 (the only one the cycle uses), idle when the line shows none. */
    static String firstAppearanceState(SipMessage notify) {
        for (String entry : notify.elements("Call-Info")) {
            if (entry.contains(";appearance-index=1;")) {
                int at = entry.indexOf("appearance-state=") + "appearance-state=".length();
                int end = entry.indexOf(';', at);
                return end < 0 ? entry.substring(at) : entry.substring(at, end);
            }
        }
        return "idle";
    }
}
