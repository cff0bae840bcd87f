package org.joinedup.hub.inbound;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/** Records in the message store why a message was rejected or failed (used by the error policy). */
@ApplicationScoped
public class MessageOutcomeRecorder {

    @Inject
    InboundMessageStore store;

    @Inject
    MessageDispatch dispatch;

    public void rejected(Exchange exchange) {
        Long messageId = exchange.getMessage().getHeader(HubHeaders.MESSAGE_ID, Long.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (messageId == null || cause == null) {
            return;
        }
        List<ValidationIssue> issues = cause instanceof InvalidMessageException invalid ? invalid.issues()
                : List.of(new ValidationIssue("(sender)", cause.getMessage()));
        store.markRejected(messageId, issues);
    }

    /** Parks the message until what it depends on arrives (or has it applied now, if that arrived meanwhile). */
    public void waiting(Exchange exchange) {
        Long messageId = exchange.getMessage().getHeader(HubHeaders.MESSAGE_ID, Long.class);
        MissingDependencyException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                MissingDependencyException.class);
        if (messageId == null || cause == null) {
            return;
        }
        if (store.markWaiting(messageId, cause.dependency(), cause.getMessage())) {
            dispatch.later(List.of(messageId));
        }
    }

    public void failed(Exchange exchange) {
        Long messageId = exchange.getMessage().getHeader(HubHeaders.MESSAGE_ID, Long.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (messageId == null || cause == null) {
            return;
        }
        store.markFailed(messageId, cause.getClass().getName() + ": " + cause.getMessage());
    }
}
