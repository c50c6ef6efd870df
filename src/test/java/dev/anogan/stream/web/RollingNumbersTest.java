package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Throughput and latency percentiles cover the recent window only, so the dashboard falls back to quiet. */
class RollingNumbersTest {

    @Test
    void throughputIsTheMeanRateOverTheWindowAndForgetsOlderSeconds() {
        Throughput throughput = new Throughput(10);
        for (int ms = 0; ms < 2000; ms += 100) {
            throughput.record(100_000 + ms);
        }
        assertEquals(2.0, throughput.perSecond(101_999));
        assertEquals(2.0, throughput.perSecond(109_999));
        assertEquals(1.0, throughput.perSecond(110_000));
        assertEquals(0.0, throughput.perSecond(112_000));
    }

    @Test
    void latencyPercentilesAreNearestRankOverTheWindow() {
        LatencySamples samples = new LatencySamples(1000, 10_000);
        for (long latency = 100; latency >= 1; latency--) {
            samples.add(latency, 50_000);
        }
        assertEquals(new FeedStats.Latency(50, 95, 99, 100), samples.percentiles(55_000));
        assertNull(samples.percentiles(60_000));
    }

    @Test
    void latencySamplesKeepOnlyTheNewest() {
        LatencySamples samples = new LatencySamples(3, 10_000);
        for (long latency : new long[] {900, 800, 1, 2, 3}) {
            samples.add(latency, 0);
        }
        assertEquals(new FeedStats.Latency(2, 3, 3, 3), samples.percentiles(0));
    }
}
