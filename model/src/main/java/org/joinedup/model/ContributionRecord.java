package org.joinedup.model;

import java.time.Instant;
import java.time.LocalDate;

/** One funding body's contribution to a person's budget, as the hub holds it now. */
public record ContributionRecord(
        String id,
        String personId,
        AgencyKind agency,
        String fundingBodyCode,
        String fundingBodyName,
        String sourceSystem,
        String sourceValue,
        String type,
        ContributionStatus status,
        Pence amount,
        LocalDate periodStart,
        LocalDate periodEnd,
        int version,
        Instant updatedAt) {
}
