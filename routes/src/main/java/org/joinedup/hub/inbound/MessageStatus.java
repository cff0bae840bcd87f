package org.joinedup.hub.inbound;

/** Where an inbound message stands. */
public enum MessageStatus {
    /** Stored, not yet (or not successfully) processed. */
    RECEIVED,
    /** Applied to the hub's records, exactly once. */
    APPLIED,
    /** Broke the agency's interface; its reasons say why. Never retried; visible to operators. */
    REJECTED,
    /**
     * Depends on a message not applied yet (a council payment on an allocation still on its way): applied as soon as
     * that arrives, in whatever order the two came. Not a failure; {@code waitingFor} says what it waits for.
     */
    WAITING,
    /** Could not be applied for a reason that was not the message's fault; can be replayed. */
    FAILED
}
