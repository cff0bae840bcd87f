package org.joinedup.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One event from a council's case management system, read and checked (see the council social care format). Only
 * the part that goes with its {@link Type} is set.
 */
public record SocialCareEvent(
        String eventId,
        Type type,
        Instant occurredAt,
        String council,
        Client client,
        List<HouseholdMember> household,
        Service service,
        Allocation allocation,
        Payment payment) {

    /** The kinds of event a council sends. */
    public enum Type { CLIENT_UPDATED, SERVICE_STARTED, SERVICE_ENDED, ALLOCATION_CONFIRMED, PAYMENT_MADE }

    /**
     * The council's record of the person. An identifier that fails its check is left out ({@code null}) and the
     * reason kept in {@code identifierProblems}: it is never used to link records.
     */
    public record Client(String clientId, NhsNumber nhsNumber, NiNumber niNumber, String forename, String surname,
            LocalDate dateOfBirth, String postcode, String address, List<ValidationIssue> identifierProblems) {
    }

    /** Another client of the same council in the person's household. */
    public record HouseholdMember(String clientId, String relationship) {
    }

    /** A traditional service the council arranges; {@code endDate} is set by SERVICE_ENDED. */
    public record Service(String serviceId, String kind, String provider, Long weeklyCostPence, LocalDate startDate,
            LocalDate endDate) {
    }

    /** A council department's money for the person's pooled budget, per year. */
    public record Allocation(String allocationId, String department, Pence annualAmount, LocalDate periodStart,
            LocalDate periodEnd, String management) {
    }

    /** A payment out of the pooled budget, drawn from a council allocation. */
    public record Payment(String paymentId, String allocationId, Pence amount, LocalDate paidOn, String payee,
            String category) {
    }
}
