package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "9434765919", // NHS England's test patient used throughout the UK Core examples
            "9000000009", // NHS England sandbox number
            "9434765870", // sum is a multiple of 11: the check digit 11 is written as 0
    })
    void acceptsNumbersWhoseCheckDigitIsRight(String number) {
        assertTrue(NhsNumber.isValid(number));
        assertEquals(Optional.empty(), NhsNumber.problemWith(number));
        assertEquals(number, NhsNumber.parse(number).value());
    }

    @Test
    void refusesAWrongCheckDigitAndSaysSo() {
        assertFalse(NhsNumber.isValid("9434765918"));
        assertEquals(Optional.of("NHS number 9434765918 fails the modulus-11 check digit"),
                NhsNumber.problemWith("9434765918"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NhsNumber.parse("9434765918"));
        assertEquals("NHS number 9434765918 fails the modulus-11 check digit", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000010", "1000000019", "1000000011"})
    void refusesEveryNumberWhoseCheckDigitWouldBeTen(String number) {
        // 1*10 + 1*2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no digit can be right, so no such number is ever issued
        assertFalse(NhsNumber.isValid(number));
        assertTrue(NhsNumber.problemWith(number).orElseThrow().contains("modulus-11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"943 476 5919", "943-476-5919", " 9434765919 ", "943 476\t5919"})
    void toleratesSpacesAndHyphensAndKeepsOnlyTheDigits(String typed) {
        assertTrue(NhsNumber.isValid(typed));
        NhsNumber parsed = NhsNumber.parse(typed);
        assertEquals("9434765919", parsed.value());
        assertEquals("9434765919", parsed.toString());
        assertEquals(new NhsNumber("9434765919"), parsed);
    }

    @Test
    void theConstructorAlsoKeepsOnlyTheDigitsSoTheSamePersonIsEqual() {
        NhsNumber typed = new NhsNumber("943 476 5919");
        assertEquals("9434765919", typed.value());
        assertEquals(NhsNumber.parse("9434765919"), typed);
        assertEquals(NhsNumber.parse("9434765919").hashCode(), typed.hashCode());
    }

    @Test
    void refusesNonDigitsAndSaysWhatWasReceived() {
        assertEquals(Optional.of("NHS number must be 10 digits, got '94347659A9'"),
                NhsNumber.problemWith("94347659A9"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NhsNumber.parse("NHS9434765919"));
        assertEquals("NHS number must be 10 digits, got 'NHS9434765919'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591", "94347659190", "943 476 591"})
    void refusesTheWrongNumberOfDigitsAndSaysSo(String number) {
        assertFalse(NhsNumber.isValid(number));
        assertEquals(Optional.of("NHS number must be 10 digits, got '" + number + "'"), NhsNumber.problemWith(number));
    }

    @Test
    void refusesDigitsFromOtherScripts() {
        // Arabic-Indic digits look like a number to a person but are not the ten ASCII digits an NHS number is
        assertFalse(NhsNumber.isValid("\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void saysAMissingNumberIsMissing(String blank) {
        assertEquals(Optional.of("NHS number is missing"), NhsNumber.problemWith(blank));
        assertFalse(NhsNumber.isValid(blank));
    }

    @Test
    void nullIsMissingNotANullPointer() {
        assertEquals(Optional.of("NHS number is missing"), NhsNumber.problemWith(null));
        assertFalse(NhsNumber.isValid(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NhsNumber.parse(null));
        assertEquals("NHS number is missing", e.getMessage());
    }
}
