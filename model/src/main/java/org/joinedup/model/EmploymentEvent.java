package org.joinedup.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One event from employment services (see the employment queue format), read and checked. */
public record EmploymentEvent(
        String messageId,
        Type type,
        Instant occurredAt,
        String office,
        Claimant person,
        Award award,
        Employment employment) {

    /** The kinds of event employment services publish. */
    public enum Type { REFERRAL_CREATED, SUPPORT_AWARDED, SUPPORT_WITHDRAWN, EMPLOYMENT_STARTED, EMPLOYMENT_ENDED }

    /**
     * Who the event is about. An NI number that fails DWP's rules is left out ({@code null}) and the reason kept:
     * it is never used to link records.
     */
    public record Claimant(NiNumber nino, String forename, String surname, LocalDate dateOfBirth, String postcode,
            List<ValidationIssue> identifierProblems) {
    }

    /** A flexible support award; for SUPPORT_WITHDRAWN only {@code awardId} is set. */
    public record Award(String awardId, String purpose, Pence amount, LocalDate validFrom, LocalDate validTo) {
    }

    /** Work started or ended. */
    public record Employment(String employer, Integer hoursPerWeek, LocalDate startDate, LocalDate endDate) {
    }
}
