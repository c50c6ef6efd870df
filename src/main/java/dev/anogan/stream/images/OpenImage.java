package dev.anogan.stream.images;

/**
 * What the assembly knows of one image between its first patch and its verdict; once the verdict is out, a closed
 * marker that keeps late patches of the image from opening it again.
 *
 * @param sourceId      the scanner
 * @param imageId       the image
 * @param imageWidth    its width
 * @param imageHeight   its height
 * @param patchCount    patches expected (from the first patch's geometry)
 * @param captureTimeMs when it was captured
 * @param openedAtMs    wall-clock time its first patch reached the assembly
 * @param scored        patches scored so far
 * @param deadLettered  patches dead-lettered so far
 * @param closedAtMs    wall-clock time of its verdict; -1 while open
 */
record OpenImage(String sourceId, String imageId, int imageWidth, int imageHeight, int patchCount,
                 long captureTimeMs, long openedAtMs, int scored, int deadLettered, long closedAtMs) {

    /** The image of a first patch, opened now. */
    static OpenImage first(PatchOutcome patch, long nowMs) {
        return new OpenImage(patch.sourceId(), patch.imageId(), patch.imageWidth(), patch.imageHeight(),
                patch.patchCount(), patch.captureTimeMs(), nowMs, 0, 0, -1);
    }

    /** With one more patch accounted for. */
    OpenImage counting(PatchOutcome patch) {
        return new OpenImage(sourceId, imageId, imageWidth, imageHeight, patchCount, captureTimeMs, openedAtMs,
                scored + (patch.scored() ? 1 : 0), deadLettered + (patch.scored() ? 0 : 1), closedAtMs);
    }

    /** Closed now: only the marker remains. */
    OpenImage closed(long nowMs) {
        return new OpenImage(sourceId, imageId, imageWidth, imageHeight, patchCount, captureTimeMs, openedAtMs,
                scored, deadLettered, nowMs);
    }

    boolean isClosed() {
        return closedAtMs >= 0;
    }

    boolean isComplete() {
        return scored + deadLettered >= patchCount;
    }

    int missing() {
        return Math.max(0, patchCount - scored - deadLettered);
    }
}
