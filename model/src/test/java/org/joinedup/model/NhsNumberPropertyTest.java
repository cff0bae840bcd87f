package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The modulus-11 check digit, stated as properties: the check digit is computed here independently of
 * {@link NhsNumber}, from the NHS Data Dictionary's definition (weights 10 down to 2, check = 11 - sum mod 11,
 * 11 written as 0, 10 never issued).
 */
class NhsNumberPropertyTest {

    @Property
    void everyNumberWithACorrectlyComputedCheckDigitIsValid(@ForAll("issuable") String firstNine) {
        String number = firstNine + checkDigit(firstNine);
        assertTrue(NhsNumber.isValid(number), number);
        assertEquals(number, NhsNumber.parse(number).value());
    }

    @Property
    void aNumberWhoseCheckDigitWouldBeTenIsInvalidWhateverItsLastDigit(
            @ForAll("neverIssued") String firstNine, @ForAll @IntRange(min = 0, max = 9) int last) {
        assertFalse(NhsNumber.isValid(firstNine + last), firstNine + last);
    }

    @Property
    void everySingleDigitChangeOfAValidNumberIsInvalid(
            @ForAll("issuable") String firstNine,
            @ForAll @IntRange(min = 0, max = 9) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        String valid = firstNine + checkDigit(firstNine);
        char[] digits = valid.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
        String mistyped = new String(digits);
        assertFalse(NhsNumber.isValid(mistyped), valid + " mistyped as " + mistyped);
    }

    @Property
    void aNumberOfOneDigitTenTimesIsInvalidThoughItsCheckDigitWorks(@ForAll @IntRange(min = 0, max = 9) int digit) {
        String number = Integer.toString(digit).repeat(10);
        assertFalse(NhsNumber.isValid(number), number);
    }

    /** First nine digits of a number that can be issued: its check digit is not 10, nor all ten digits the same. */
    @Provide
    Arbitrary<String> issuable() {
        return firstNineDigits().filter(digits -> checkDigit(digits) != 10)
                .filter(digits -> !(digits + checkDigit(digits)).chars().allMatch(c -> c == digits.charAt(0)));
    }

    /** First nine digits whose check digit would be 10: no number starting so is ever issued. */
    @Provide
    Arbitrary<String> neverIssued() {
        return firstNineDigits().filter(digits -> checkDigit(digits) == 10);
    }

    private static Arbitrary<String> firstNineDigits() {
        return Arbitraries.strings().numeric().ofLength(9);
    }

    private static int checkDigit(String firstNine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += Character.digit(firstNine.charAt(i), 10) * (10 - i);
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check;
    }
}
