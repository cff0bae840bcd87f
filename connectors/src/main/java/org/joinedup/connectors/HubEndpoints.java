package org.joinedup.connectors;

/**
 * The hub's internal endpoints that connectors hand their messages to. Connectors turn an agency's format
 * into the hub's model; the hub (module routes) implements these endpoints.
 */
public final class HubEndpoints {

    /** Applies an NHS budget transaction (body: {@code BudgetTransaction}) exactly once per message. */
    public static final String APPLY_BUDGET_TRANSACTION = "direct:apply-budget-transaction";

    /** Stores a message that arrived on a queue before it is acknowledged (body: the payload as text). */
    public static final String STORE_QUEUE_MESSAGE = "direct:store-queue-message";

    /** Applies a housing tenancy snapshot file (headers: the Camel file headers of the file in the inbox). */
    public static final String APPLY_TENANCY_FILE = "direct:apply-tenancy-file";

    /** Applies a benefits monthly award file (headers: the Camel file headers of the file in the inbox). */
    public static final String APPLY_BENEFITS_FILE = "direct:apply-benefits-file";

    /** Applies a stored employment event (body: the event's JSON; header MESSAGE_ID). */
    public static final String APPLY_EMPLOYMENT_EVENT = "direct:apply-employment-event";

    /** Records in the message store why a message was rejected (uses the exchange's caught exception). */
    public static final String RECORD_REJECTION = "direct:record-rejection";

    /** The hub's one error policy (a Camel route configuration) that every route uses. */
    public static final String ERROR_POLICY = "hub-error-policy";

    private HubEndpoints() {
    }
}
