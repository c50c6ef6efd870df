package dev.anogan.stream.web;

import java.util.Collection;

/** Bins scores over [0, 2 × threshold); scores above go to an overflow bar, so the normal mass keeps its detail. */
final class ScoreHistogram {

    private ScoreHistogram() {
    }

    static FeedStats.Histogram of(Collection<ScoreView> scores, double threshold, int bins) {
        double upper = 2 * threshold;
        double width = upper / bins;
        long[] counts = new long[bins];
        long overflow = 0;
        for (ScoreView s : scores) {
            int bin = (int) Math.floor(Math.max(0, s.score()) / width);
            if (bin >= bins) {
                overflow++;
            } else {
                counts[bin]++;
            }
        }
        return new FeedStats.Histogram(0, width, counts, overflow, threshold, scores.size());
    }
}
