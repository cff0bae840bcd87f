package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NiNumberTest {

    @ParameterizedTest
    @CsvSource({
        "AB123456C, AB123456C",
        "ab 12 34 56 c, AB123456C",
        "JH 40 58 21 D, JH405821D",
        "OA123456A, OA123456A",
    })
    void acceptsValidNumbersInAnySpacingAndCase(String input, String normalised) {
        assertTrue(NiNumber.isValid(input));
        assertEquals(normalised, NiNumber.parse(input).value());
    }

    @ParameterizedTest
    @CsvSource({
        "QQ123456C, cannot start with Q",
        "DA123456A, cannot start with D",
        "VA123456A, cannot start with V",
        "AO123456A, cannot have O as its second letter",
        "AF123456A, cannot have F as its second letter",
        "GB123456A, prefix GB is never issued",
        "TN123456A, prefix TN is never issued",
        "ZZ123456A, prefix ZZ is never issued",
        "NK123456A, prefix NK is never issued",
        "AB123456E, must end in A, B, C or D",
        "AB12345C, two letters, six digits and a letter",
        "123456789, two letters, six digits and a letter",
    })
    void refusesWhatDwpNeverIssuesAndSaysWhy(String input, String reason) {
        assertFalse(NiNumber.isValid(input));
        assertTrue(NiNumber.problemWith(input).orElseThrow().contains(reason), NiNumber.problemWith(input).get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingIsNotValid(String input) {
        assertEquals("NI number is missing", NiNumber.problemWith(input).orElseThrow());
    }
}
