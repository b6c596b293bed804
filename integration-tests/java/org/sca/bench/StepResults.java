package org.sca.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** What one rate step of one run measured. */
final class StepResults {

    /**
     * A NOTIFY this long after its trigger is late: T1 (500 ms), the time after which the
     * triggering side would retransmit; a line key lagging that much is visible to a person.
     */
    static final long LATE_NANOS = Device.T1_NANOS;

    final int rate;
    final long windowStartNanos;
    int offered;
    int completed;
    int failed;
    final Map<String, Integer> failures = new TreeMap<>();
    long notifies;
    long extraNotifies;
    /** NOTIFYs a failed cycle's step was still waiting for. */
    long lostNotifies;
    /** NOTIFYs later than {@link #LATE_NANOS} after their trigger. */
    long lateNotifies;
    /** Lines whose phones re-registered and refreshed their subscriptions, and how many of those failed, by reason. */
    int refreshes;
    final Map<String, Integer> refreshFailures = new TreeMap<>();
    /** Refresh NOTIFYs of a line between calls that showed an appearance not idle. */
    int stuckAppearances;
    long maxLatencyNanos;
    long lastCompletionNanos;
    long retransmissions;
    /** Sent and received by the generator: the messages of a cycle, as the server's and the baseline's differ. */
    long datagrams;
    long sendFailures;
    double serverCpuSeconds;
    long heapAfterGcBytes;
    private final Map<BenchLine.Step, Latencies> latencies = new EnumMap<>(BenchLine.Step.class);

    StepResults(int rate, long windowStartNanos) {
        this.rate = rate;
        this.windowStartNanos = windowStartNanos;
        for (BenchLine.Step step : BenchLine.Step.values()) {
            latencies.put(step, new Latencies());
        }
    }

    int failedRefreshes() {
        return refreshFailures.values().stream().mapToInt(Integer::intValue).sum();
    }

    void fail(String why) {
        failed++;
        failures.merge(why, 1, Integer::sum);
    }

    void latency(BenchLine.Step step, long nanos) {
        latencies.get(step).add(nanos);
        maxLatencyNanos = Math.max(maxLatencyNanos, nanos);
        if (nanos > LATE_NANOS) {
            lateNotifies++;
        }
    }

    double achievedPerSecond() {
        return completed == 0 ? 0 : completed / ((lastCompletionNanos - windowStartNanos) / 1e9);
    }

    double notifiesPerCycle() {
        return completed == 0 ? 0 : (double) notifies / completed;
    }

    /** Over the NOTIFYs of every step, milliseconds. */
    double percentileMillis(double p) {
        Latencies all = new Latencies();
        latencies.values().forEach(all::addAll);
        return all.percentileMillis(p);
    }

    double percentileMillis(BenchLine.Step step, double p) {
        return latencies.get(step).percentileMillis(p);
    }

    /** Nanosecond samples; percentiles by sorting (a step has at most a few thousand NOTIFYs per phone). */
    static final class Latencies {
        private long[] samples = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, size * 2);
            }
            samples[size++] = nanos;
        }

        void addAll(Latencies other) {
            for (int i = 0; i < other.size; i++) {
                add(other.samples[i]);
            }
        }

        /** Nearest-rank percentile; NaN without samples. */
        double percentileMillis(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(samples, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * size);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
