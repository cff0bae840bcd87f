package org.joinedup.model;

import java.util.Optional;

/**
 * A 10-digit NHS number whose modulus-11 check digit is correct. Spaces and hyphens are tolerated on input
 * ("943 476 5919"); the value is always the bare digits.
 */
public record NhsNumber(String value) {

    public NhsNumber {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        value = normalise(value);
    }

    /** Parses input as a person or system would type it. */
    public static NhsNumber parse(String input) {
        return new NhsNumber(normalise(input));
    }

    public static boolean isValid(String input) {
        return input != null && problemWith(normalise(input)).isEmpty();
    }

    /** Why the input is not a valid NHS number, or empty when it is. */
    public static Optional<String> problemWith(String input) {
        if (input == null || input.isBlank()) {
            return Optional.of("NHS number is missing");
        }
        String digits = normalise(input);
        if (!digits.matches("\\d{10}")) {
            return Optional.of("NHS number must be 10 digits, got '" + input + "'");
        }
        if (digits.chars().distinct().count() == 1) {
            // 0000000000 passes the check digit, but no one is given a number of one digit ten times
            return Optional.of("NHS number " + digits + " is one digit ten times, which is never issued");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        if (check == 10 || check != digits.charAt(9) - '0') {
            return Optional.of("NHS number " + digits + " fails the modulus-11 check digit");
        }
        return Optional.empty();
    }

    private static String normalise(String input) {
        return input == null ? null : input.replaceAll("[\\s-]", "");
    }

    @Override
    public String toString() {
        return value;
    }
}
