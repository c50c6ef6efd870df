package dev.anogan.stream.topology;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in the broker tests. */
final class Eventually {

    private Eventually() {
    }

    /** Whether {@code condition} held within {@code timeout} (checked every 100 ms). */
    static boolean within(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
