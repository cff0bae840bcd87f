package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.HubEndpoints;

/** Stores a message that arrived on a queue; the consumer acknowledges it only after this commits. */
@ApplicationScoped
public class QueueMessageStoreRoute extends RouteBuilder {

    public static final String ROUTE_ID = "queue-message-store";

    @Inject
    QueueMessageRecorder recorder;

    @Override
    public void configure() {
        from(HubEndpoints.STORE_QUEUE_MESSAGE).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(recorder, "record");
    }
}
