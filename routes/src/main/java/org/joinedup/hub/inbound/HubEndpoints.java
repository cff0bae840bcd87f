package org.joinedup.hub.inbound;

/**
 * The hub's internal endpoints, where an agency slice's entry hands a message on (the readers of module connectors
 * turn an agency's format into the hub's model).
 */
public final class HubEndpoints {

    /** Stores a message that arrived on a queue before it is acknowledged (body: the payload as text). */
    public static final String STORE_QUEUE_MESSAGE = "direct:store-queue-message";

    /** Applies a stored employment event (body: the event's JSON; header MESSAGE_ID). */
    public static final String APPLY_EMPLOYMENT_EVENT = "direct:apply-employment-event";

    /** Records in the message store why a message was rejected (uses the exchange's caught exception). */
    public static final String RECORD_REJECTION = "direct:record-rejection";

    /** The hub's one error policy (a Camel route configuration) that every route uses. */
    public static final String ERROR_POLICY = "hub-error-policy";

    private HubEndpoints() {
    }
}
