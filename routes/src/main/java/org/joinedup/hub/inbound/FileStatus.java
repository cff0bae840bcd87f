package org.joinedup.hub.inbound;

/** Where a file taken from an inbox stands. */
public enum FileStatus {
    /** Being applied (its rows in one transaction). */
    RUNNING,
    /** Applied: its rows applied or set aside, with a report in {@code done/}. */
    DONE,
    /** Refused whole, nothing applied: its reason beside it in {@code rejected/}. */
    REJECTED,
    /** Not applied for a reason that was not the file's fault; put it back in the inbox once the cause is fixed. */
    FAILED,
    /** The hub stopped while applying it, so nothing was applied; applied again whole when the hub starts. */
    INTERRUPTED
}
