package org.joinedup.model;

import java.time.LocalDate;
import java.util.List;

/** A hub person as the hub's APIs show it. */
public record PersonRecord(
        String id,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String postcode,
        String uprn,
        List<IdentifierRecord> identifiers) {
}
