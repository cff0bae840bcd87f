package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PenceTest {

    @ParameterizedTest(name = "£{0} is {1} pence")
    @CsvSource({
            "18250.00, 1825000", // a year's continuing-care budget, as trust RR8 sends it
            "2400.5,   240050",  // a trailing zero the sender dropped
            "2400.50,  240050",
            "0.01,     1",
            "0,        0",
            "0.000,    0",
            "1E+3,     100000",  // a JSON number in exponent form is still exact
            "-12.34,   -1234",   // a refund
    })
    void convertsPoundsToExactPence(String pounds, long pence) {
        assertEquals(new Pence(pence), Pence.ofPounds(new BigDecimal(pounds)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.005", "0.001", "18250.999", "-0.005"})
    void refusesAFractionOfAPennyRatherThanRoundingIt(String pounds) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pence.ofPounds(new BigDecimal(pounds)));
        assertEquals("amount " + pounds + " is not a whole number of pence", e.getMessage());
    }

    @Test
    void keepsTrailingZerosThatAreWholePence() {
        // 1.0050 is 100.50 pence: still half a penny, refused; 1.0500 is 105 pence exactly
        assertThrows(IllegalArgumentException.class, () -> Pence.ofPounds(new BigDecimal("1.0050")));
        assertEquals(new Pence(105), Pence.ofPounds(new BigDecimal("1.0500")));
    }

    @Test
    void refusesAMissingAmount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pence.ofPounds(null));
        assertEquals("amount is missing", e.getMessage());
    }

    @Test
    void refusesMorePoundsThanPenceCanHold() {
        assertThrows(ArithmeticException.class, () -> Pence.ofPounds(new BigDecimal("92233720368547758.08")));
        assertEquals(new Pence(Long.MAX_VALUE), Pence.ofPounds(new BigDecimal("92233720368547758.07")));
    }

    @Test
    void givesPoundsWithExactlyTwoDecimalPlaces() {
        assertEquals(new BigDecimal("18250.00"), new Pence(1825000).toPounds());
        assertEquals("18250.00", new Pence(1825000).toPounds().toPlainString());
        assertEquals("2400.50", new Pence(240050).toPounds().toPlainString());
        assertEquals("0.07", new Pence(7).toPounds().toPlainString());
        assertEquals("-12.34", new Pence(-1234).toPounds().toPlainString());
        assertEquals("£18250.00", new Pence(1825000).toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 240050, 1825000, -1234, Long.MAX_VALUE, Long.MIN_VALUE})
    void poundsAndPenceConvertBothWaysWithoutLoss(long pence) {
        assertEquals(new Pence(pence), Pence.ofPounds(new Pence(pence).toPounds()));
    }

    @Test
    void addsAndSubtractsExactly() {
        assertEquals(new Pence(2065050), new Pence(1825000).plus(new Pence(240050)));
        assertEquals(new Pence(1584950), new Pence(1825000).minus(new Pence(240050)));
        assertEquals(new Pence(-50), new Pence(0).minus(new Pence(50)));
        assertEquals(new Pence(240050), Pence.ZERO.plus(new Pence(240050)));
    }

    @Test
    void additionThatWouldOverflowThrowsInsteadOfWrappingToANegativeBalance() {
        Pence most = new Pence(Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> most.plus(new Pence(1)));
        assertThrows(ArithmeticException.class, () -> new Pence(Long.MIN_VALUE).plus(new Pence(-1)));
        assertThrows(ArithmeticException.class, () -> new Pence(Long.MIN_VALUE).minus(new Pence(1)));
        assertThrows(ArithmeticException.class, () -> most.minus(new Pence(-1)));
    }

    @Test
    void ordersAndSignsByValue() {
        assertTrue(new Pence(240050).compareTo(new Pence(1825000)) < 0);
        assertEquals(0, new Pence(100).compareTo(Pence.ofPounds(new BigDecimal("1.00"))));
        assertTrue(new Pence(-1).isNegative());
        assertFalse(Pence.ZERO.isNegative());
    }
}
