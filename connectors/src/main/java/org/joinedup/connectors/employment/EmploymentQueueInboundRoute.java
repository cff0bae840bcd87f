package org.joinedup.connectors.employment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;
import org.joinedup.connectors.HubHeaders;
import org.joinedup.model.AgencyKind;

/**
 * Employment services publish JSON events on {@code hub.employment.queue}. The consumer is transacted: a message
 * is acknowledged only after the message store has committed it, so a crash between the two redelivers it, and
 * the store recognises the repeat by the event's {@code messageId}.
 */
@ApplicationScoped
public class EmploymentQueueInboundRoute extends RouteBuilder {

    public static final String ROUTE_ID = "employment-queue-inbound";
    public static final String STORE_NODE = "employment-store";

    @Inject
    EmploymentMessageId messageId;

    @Override
    public void configure() {
        from("jms:queue:{{hub.employment.queue}}?transacted=true").routeId(ROUTE_ID)
                .routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .convertBodyTo(String.class)
                .setHeader(HubHeaders.AGENCY, constant(AgencyKind.EMPLOYMENT.name()))
                .setHeader(HubHeaders.SENDER, simple("{{hub.employment.queue}}"))
                .setHeader(HubHeaders.AGENCY_MESSAGE_ID, method(messageId, "of(${body})"))
                .to(HubEndpoints.STORE_QUEUE_MESSAGE).id(STORE_NODE);
    }
}
