package org.sca.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reading something the server changes with no message on the wire to say when (a log line, a
 * metric), until it is as expected or {@link TestPhone#WAIT} has passed.
 */
final class Poll {

    private Poll() {}

    /** The first value of {@code read} that is {@code done}, or the last one read; read every {@code every}. */
    static <T> T until(Supplier<T> read, Predicate<T> done, Duration every) throws InterruptedException {
        long end = System.nanoTime() + TestPhone.WAIT.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < end) {
            Thread.sleep(every.toMillis());
            value = read.get();
        }
        return value;
    }
}
