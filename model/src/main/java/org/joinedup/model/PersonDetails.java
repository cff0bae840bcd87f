package org.joinedup.model;

import java.time.LocalDate;

/**
 * What an agency's record says about a person: the identifiers and demographics used to find the hub person.
 * Any field but the NHS number may be absent.
 */
public record PersonDetails(
        NhsNumber nhsNumber,
        boolean nhsNumberVerified,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String postcode,
        String uprn) {
}
