package org.joinedup.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A National Insurance number that passes DWP's strict rules: two prefix letters, six digits, a suffix A to D. The
 * first letter is not D, F, I, Q, U or V; the second is not D, F, I, O, Q, U or V; the prefixes BG, GB, KN, NK, NT,
 * TN and ZZ are never issued. Spaces and lower case are tolerated on input; the value is always upper case without
 * spaces.
 */
public record NiNumber(String value) {

    private static final String NOT_FIRST = "DFIQUV";
    private static final String NOT_SECOND = "DFIOQUV";
    private static final Set<String> NOT_ISSUED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    public NiNumber {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        value = normalise(value);
    }

    public static NiNumber parse(String input) {
        return new NiNumber(input);
    }

    public static boolean isValid(String input) {
        return problemWith(input).isEmpty();
    }

    /** Why the input is not a valid NI number, or empty when it is. */
    public static Optional<String> problemWith(String input) {
        if (input == null || input.isBlank()) {
            return Optional.of("NI number is missing");
        }
        String ni = normalise(input);
        if (!ni.matches("[A-Z]{2}\\d{6}[A-Z]")) {
            return Optional.of("NI number must be two letters, six digits and a letter, got '" + input + "'");
        }
        if (NOT_FIRST.indexOf(ni.charAt(0)) >= 0) {
            return Optional.of("NI number " + ni + " cannot start with " + ni.charAt(0));
        }
        if (NOT_SECOND.indexOf(ni.charAt(1)) >= 0) {
            return Optional.of("NI number " + ni + " cannot have " + ni.charAt(1) + " as its second letter");
        }
        if (NOT_ISSUED.contains(ni.substring(0, 2))) {
            return Optional.of("NI number prefix " + ni.substring(0, 2) + " is never issued");
        }
        if ("ABCD".indexOf(ni.charAt(8)) < 0) {
            return Optional.of("NI number " + ni + " must end in A, B, C or D");
        }
        return Optional.empty();
    }

    private static String normalise(String input) {
        return input.replaceAll("\\s", "").toUpperCase(Locale.UK);
    }

    @Override
    public String toString() {
        return value;
    }
}
