package dev.anogan.stream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Verdicts and percentiles from a calibration's threshold and percentile table. */
class CalibrationTest {

    private final Calibration calibration = new Calibration(9.0, 0.01, 100, new double[] {0, 2, 4, 6, 8, 10});

    @Test
    void percentileInterpolatesInTheTable() {
        assertEquals(0.0, calibration.percentile(-5));
        assertEquals(10.0, calibration.percentile(1));   // halfway between 0 % and 20 %
        assertEquals(40.0, calibration.percentile(4));
        assertEquals(90.0, calibration.percentile(9));
        assertEquals(100.0, calibration.percentile(11));
    }

    @Test
    void tiedTableEntriesGiveTheHighestPercentile() {
        Calibration tied = new Calibration(1, 0.01, 10, new double[] {0, 1, 1, 1, 2});
        assertEquals(75.0, tied.percentile(1));
    }

    @Test
    void anomalousIsStrictlyAboveTheThreshold() {
        assertFalse(calibration.isAnomalous(9.0));
        assertTrue(calibration.isAnomalous(9.0001));
    }

    @Test
    void refusesAnUnsortedTable() {
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, 0.01, 3, new double[] {0, 2, 1}));
    }
}
