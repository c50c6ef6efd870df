package dev.anogan.stream.topology;

/**
 * Paces a sender at a steady rate by the clock, so that a slow send is caught up on rather than pushing the rest
 * later.
 */
final class Pacer {

    private final double perSecond;
    private final long start = System.nanoTime();

    /** @param perSecond turns per second; 0 or less: no waiting */
    Pacer(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Waits until turn {@code i} (from 0) is due; false when interrupted. */
    boolean awaitTurn(long i) {
        if (perSecond <= 0) {
            return true;
        }
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
