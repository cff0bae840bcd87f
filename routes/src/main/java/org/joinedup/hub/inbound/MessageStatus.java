package org.joinedup.hub.inbound;

/** Where an inbound message stands. */
public enum MessageStatus {
    /** Stored, not yet (or not successfully) processed. */
    RECEIVED,
    /** Applied to the hub's records, exactly once. */
    APPLIED,
    /** Broke the agency's interface; its reasons say why. Never retried; visible to operators. */
    REJECTED,
    /** Could not be applied for a reason that was not the message's fault; can be replayed. */
    FAILED
}
