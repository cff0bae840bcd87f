package org.joinedup.model.identity;

import java.util.Locale;

/**
 * UK postcodes, the one place the hub writes them in its forms: as stored and matched, upper case without spaces
 * ("OL11XX"); as shown (and in FHIR), with one space before the inward code ("OL1 1XX"). The outward code is
 * everything but the last three characters ("OL1", the district); the sector adds the first character of the inward
 * code ("OL1 1").
 */
public final class Postcodes {

    private static final java.util.regex.Pattern SHAPE =
            java.util.regex.Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}");

    private Postcodes() {
    }

    /** The postcode upper case without spaces, or null when it is missing or not shaped like a UK postcode. */
    public static String normalise(String postcode) {
        String compact = compact(postcode);
        return compact != null && SHAPE.matcher(compact).matches() ? compact : null;
    }

    /** The postcode as written, upper case without spaces (shaped like a UK postcode or not); null when blank. */
    public static String compact(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        // by hand rather than replaceAll: every record matched passes here (a regex costs a few per cent of linking)
        StringBuilder compact = new StringBuilder(postcode.length());
        for (int i = 0; i < postcode.length(); i++) {
            char c = postcode.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        return compact.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The postcode as people write it, one space before the inward code ("OL1 1XX"), when it is five to seven
     * characters long; otherwise compact; null when blank.
     */
    public static String display(String postcode) {
        String compact = compact(postcode);
        if (compact == null || compact.length() < 5 || compact.length() > 7) {
            return compact;
        }
        return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
    }

    public static String district(String normalised) {
        return normalised.substring(0, normalised.length() - 3);
    }

    public static String sector(String normalised) {
        return normalised.substring(0, normalised.length() - 2);
    }
}
