package org.joinedup.model.identity;

import java.time.LocalDate;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * What matching compares about one source record, normalised once: names (see {@link Names}) with their Double
 * Metaphone codes, date of birth, postcode (see {@link Postcodes}), UPRN, and the strong identifiers that passed
 * their checks (NHS number and NI number, each with whether an agency that can vouch for it verified it: NHS
 * Spine tracing for the one, the DWP, which issues them, for the other). Any part may be null: a missing value is
 * neither evidence for nor against a match.
 *
 * @param id the caller's id for the record (the hub's source record id, a benchmark's row number)
 */
public record MatchRecord(String id, String givenName, String familyName, String givenPhonetic,
        String familyPhonetic, LocalDate birthDate, String postcode, String uprn, String nhsNumber,
        boolean nhsNumberVerified, String niNumber, boolean niNumberVerified) {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    /**
     * Names recur (a block of candidates holds the same few hundred names over and over): each name's code is worked
     * out once. Bounded: emptied when it holds {@link #CODES_KEPT} names.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> CODES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CODES_KEPT = 200_000;

    /**
     * Normalises an agency's values. Identifiers must already be valid and normalised (an invalid one is passed as
     * null: it is never used for linking).
     */
    public static MatchRecord of(String id, String givenName, String familyName, LocalDate birthDate,
            String postcode, String uprn, String nhsNumber, boolean nhsNumberVerified, String niNumber,
            boolean niNumberVerified) {
        String given = Names.givenName(givenName);
        String family = Names.familyName(familyName);
        return new MatchRecord(id, given, family, phonetic(given), phonetic(family), birthDate,
                Postcodes.normalise(postcode), blankToNull(uprn), nhsNumber, nhsNumber != null && nhsNumberVerified,
                niNumber, niNumber != null && niNumberVerified);
    }

    private static String phonetic(String name) {
        if (name == null) {
            return null;
        }
        String code = CODES.get(name);
        if (code == null) {
            if (CODES.size() >= CODES_KEPT) {
                CODES.clear();
            }
            String worked = METAPHONE.doubleMetaphone(name);
            code = worked == null ? "" : worked;
            CODES.put(name, code);
        }
        return code.isEmpty() ? null : code;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
