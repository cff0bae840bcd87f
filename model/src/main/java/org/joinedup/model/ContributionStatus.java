package org.joinedup.model;

/** Where a funding body's contribution to a person's budget stands. */
public enum ContributionStatus {
    /** Confirmed and available to plan with. */
    ACTIVE,
    /** Its service period has ended; kept for the record. */
    ENDED,
    /** Withdrawn (sent in error): nothing of it may stay committed. */
    WITHDRAWN
}
