package org.joinedup.fhirmapping;

import java.util.Locale;

/** UK postcodes in their canonical form: upper case, one space before the inward code. */
final class Postcodes {

    private Postcodes() {
    }

    static String normalise(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        String compact = postcode.replaceAll("\\s", "").toUpperCase(Locale.UK);
        if (compact.length() < 5 || compact.length() > 7) {
            return compact;
        }
        return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
    }
}
