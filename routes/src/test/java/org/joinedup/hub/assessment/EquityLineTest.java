package org.joinedup.hub.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The least-squares line of the equity report, on numbers worked by hand. */
class EquityLineTest {

    @Test
    void aPerfectLineIsFoundExactly() {
        EquityReport.Line line = EquityReport.fit(new double[] { 10, 20, 30 }, new double[] { 200_000, 350_000,
                500_000 });
        assertEquals(50_000, line.penceAtZeroPoints());
        assertEquals(15_000, line.pencePerPoint());
        assertEquals(1.0, line.rSquared());
        assertEquals(0, line.typicalDistancePence());
    }

    @Test
    void scatterLowersRSquared() {
        // y = 2x + 1 with residuals +1, -1, -1, +1: slope 2, intercept 1, SSres 4, SStot 84, r2 = 0.952
        EquityReport.Line line = EquityReport.fit(new double[] { 1, 3, 5, 7 }, new double[] { 4, 6, 10, 16 });
        assertEquals(2, line.pencePerPoint());
        assertEquals(0.952, line.rSquared());
    }

    @Test
    void noLineWithoutTwoDifferentPointScores() {
        assertNull(EquityReport.fit(new double[] { 10 }, new double[] { 1 }));
        assertNull(EquityReport.fit(new double[] { 10, 10 }, new double[] { 1, 2 }));
    }
}
