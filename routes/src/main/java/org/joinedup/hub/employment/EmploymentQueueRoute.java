package org.joinedup.hub.employment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.employment.EmploymentEventReader;
import org.joinedup.connectors.employment.EmploymentMessageId;
import org.joinedup.hub.inbound.BrokerMessages;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.EmploymentEvent;
import org.joinedup.model.InvalidMessageException;

/**
 * The employment services' slice, one event at a time: employment services publish JSON events on
 * {@code hub.employment.queue}, where {@link EmploymentQueueConsumer} takes them in batches; an event a batch could
 * not read or apply is moved to {@code hub.employment.one-by-one-queue}, and this route takes it from there alone
 * (stored in the message store as sent on the agency's queue). The consumer is transacted: a message
 * is acknowledged only after the message store has committed it and the event has been applied, so a crash between
 * the two redelivers it, and the store recognises the repeat by the event's {@code messageId}. A message that is
 * not a valid event goes straight to the dead-letter queue with the reason (header {@code JoinedUpRejection}),
 * is recorded as rejected, and the consumer carries on. Events are read by {@code EmploymentEventReader} (module
 * connectors) and applied by {@link EmploymentEventApplier} (through {@link EmploymentApplyRoute}, which a replay
 * uses too).
 */
@ApplicationScoped
public class EmploymentQueueRoute extends RouteBuilder {

    public static final String ROUTE_ID = "employment-queue-inbound";
    public static final String STORE_NODE = "employment-store";
    public static final String APPLY_NODE = "employment-hand-over";
    public static final String DEAD_LETTER_NODE = "employment-dead-letter";
    public static final String REJECTION_HEADER = BrokerMessages.REJECTION;
    /** The exchange property holding the event as the reader checked it ({@code EmploymentEvent}). */
    public static final String CHECKED_EVENT = "JoinedUpEmploymentEvent";

    private final EmploymentMessageId messageId = new EmploymentMessageId();
    private final EmploymentEventReader reader = new EmploymentEventReader();

    @Inject
    EmploymentEventApplier applier;

    void refuseAboveCeiling(org.apache.camel.Exchange exchange) {
        applier.refuseAboveCeiling(exchange.getProperty(CHECKED_EVENT, EmploymentEvent.class));
    }

    /** Bytes the store could not read as text (kept there as they arrived) are a bad event: dead-lettered. */
    static void refuseUnreadable(org.apache.camel.Exchange exchange) {
        String why = exchange.getMessage().getHeader(HubHeaders.UNREADABLE, String.class);
        if (why != null) {
            throw new InvalidMessageException("$", why.replaceFirst("^\\$: ", ""));
        }
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.employment.one-by-one-queue}}?transacted=true").routeId(ROUTE_ID)
                .routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .onException(InvalidMessageException.class).handled(true)
                    .to(HubEndpoints.RECORD_REJECTION)
                    .setHeader(REJECTION_HEADER, exceptionMessage())
                    .to("jms:queue:{{hub.broker.dead-letter-queue}}").id(DEAD_LETTER_NODE)
                .end()
                // bytes as they arrived: the store reads them as UTF-8 text, or keeps them as they are and refuses them
                .convertBodyTo(byte[].class)
                .setHeader(HubHeaders.AGENCY, constant(AgencyKind.EMPLOYMENT.name()))
                .setHeader(HubHeaders.SENDER, simple("{{hub.employment.queue}}"))
                .setHeader(HubHeaders.AGENCY_MESSAGE_ID, method(messageId, "of"))
                .to(HubEndpoints.STORE_QUEUE_MESSAGE).id(STORE_NODE)
                .process(EmploymentQueueRoute::refuseUnreadable)
                // checked here, where a bad event is handled (dead-letter queue), before the hub applies it (the body
                // bound as it is: "read(${body})" would pass a body of the JSON literal null as a Java null)
                .setProperty(CHECKED_EVENT, method(reader, "read"))
                .process(this::refuseAboveCeiling)
                // a refusal while applying (an award id another claimant's) is dead-lettered with its reason too:
                // the hand-over's own error policy has recorded it, so this route's onException would not see it
                .doTry()
                    .to(HubEndpoints.APPLY_EMPLOYMENT_EVENT).id(APPLY_NODE)
                .doCatch(InvalidMessageException.class)
                    .setHeader(REJECTION_HEADER, exceptionMessage())
                    .to("jms:queue:{{hub.broker.dead-letter-queue}}")
                .end();
    }
}
