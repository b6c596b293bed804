package org.sca.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** What one rate step of one run measured. */
final class StepResults {

    final int rate;
    final long windowStartNanos;
    int offered;
    int completed;
    int failed;
    final Map<String, Integer> failures = new TreeMap<>();
    long notifies;
    long extraNotifies;
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

    void fail(String why) {
        failed++;
        failures.merge(why, 1, Integer::sum);
    }

    void latency(BenchLine.Step step, long nanos) {
        latencies.get(step).add(nanos);
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
