package org.joinedup.model;

import java.time.LocalDate;

/**
 * One person on one tenancy, from a housing provider's nightly snapshot, checked. The lead row alone carries the
 * tenancy's arrears, adaptation need and Disabled Facilities Grant award.
 */
public record TenancyRow(
        int lineNumber,
        String tenancyRef,
        String uprn,
        String address,
        String postcode,
        String personRef,
        String role,
        String forename,
        String surname,
        LocalDate dateOfBirth,
        NiNumber niNumber,
        NhsNumber nhsNumber,
        String tenure,
        LocalDate startDate,
        long arrearsPence,
        String adaptationNeed,
        String dfgAwardRef,
        Pence dfgAward,
        LocalDate dfgAwardDate) {

    public boolean isLead() {
        return "LEAD".equals(role);
    }
}
