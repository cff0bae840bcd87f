package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.people.RecordChangedMeanwhileException;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NotPermittedException;

/**
 * The hub's one error policy, used by every route:
 * <ul>
 * <li>a message that breaks its interface (or that its sender may not send) is rejected with its reasons, recorded
 * in the message store, and never retried;</li>
 * <li>a message that depends on one not applied yet waits for it, {@code WAITING} in the message store, and is
 * applied when it arrives;</li>
 * <li>a transient failure (a lost connection, a lock, two deliveries racing to create the same record) is retried
 * with exponential backoff, and recorded as failed if it still fails;</li>
 * <li>anything else is recorded as failed.</li>
 * </ul>
 * Nothing else is handled and dropped: the exception always reaches the caller (HTTP answer, JMS rollback and the
 * broker's redelivery and dead-letter queue, file moved to rejected), and the message store shows it.
 */
@ApplicationScoped
public class HubErrorPolicy extends RouteConfigurationBuilder {

    /** Failures that may pass when tried again: a lost connection, a lock, two deliveries racing to create a record. */
    private static final java.util.List<Class<? extends Throwable>> TRANSIENT = java.util.List.of(
            ConstraintViolationException.class, LockAcquisitionException.class, JDBCConnectionException.class,
            PessimisticLockException.class, OptimisticLockException.class, java.sql.SQLTransientException.class,
            RecordChangedMeanwhileException.class);

    /** Whether the failure, or a cause of it, is one that may pass when tried again. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> kind : TRANSIENT) {
                if (kind.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Inject
    MessageOutcomeRecorder recorder;

    @Override
    public void configuration() {
        // Each clause is declared on the configuration itself: chaining them with end() would nest the later
        // clauses inside the first one's block.
        RouteConfigurationDefinition policy = routeConfiguration(HubEndpoints.ERROR_POLICY);
        policy.onException(InvalidMessageException.class, NotPermittedException.class)
                .handled(false)
                .maximumRedeliveries(0)
                .logExhausted(false)
                .logHandled(false)
                .bean(recorder, "rejected");
        // waiting for a message not applied yet is neither a rejection nor a failure: the message is parked in the
        // store (the transport's delivery ends) and applied when what it waits for arrives
        policy.onException(MissingDependencyException.class)
                .handled(true)
                .maximumRedeliveries(0)
                .logExhausted(false)
                .logHandled(false)
                .bean(recorder, "waiting");
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] transients = TRANSIENT.toArray(new Class[0]);
        policy.onException(transients)
                .handled(false)
                .maximumRedeliveries(5)
                .redeliveryDelay(20)
                .useExponentialBackOff()
                .backOffMultiplier(3)
                .maximumRedeliveryDelay(2_000)
                .retryAttemptedLogLevel(LoggingLevel.INFO)
                .bean(recorder, "failed");
        policy.onException(Exception.class)
                .handled(false)
                .maximumRedeliveries(0)
                .bean(recorder, "failed");
    }
}
