package org.joinedup.model.identity;

import java.util.Locale;

/**
 * UK postcodes as matching compares them: upper case without spaces ("OL11XX"); the outward code is everything but
 * the last three characters ("OL1", the district), the sector adds the first character of the inward code ("OL1 1").
 */
public final class Postcodes {

    private static final java.util.regex.Pattern SHAPE =
            java.util.regex.Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}");

    private Postcodes() {
    }

    /** The postcode upper case without spaces, or null when it is missing or not shaped like a UK postcode. */
    public static String normalise(String postcode) {
        if (postcode == null) {
            return null;
        }
        String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return SHAPE.matcher(compact).matches() ? compact : null;
    }

    public static String district(String normalised) {
        return normalised.substring(0, normalised.length() - 3);
    }

    public static String sector(String normalised) {
        return normalised.substring(0, normalised.length() - 2);
    }
}
