package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.HubEndpoints;

/** Lets a connector's own handling of a poison message record the rejection in the message store. */
@ApplicationScoped
public class RejectionRecorderRoute extends RouteBuilder {

    public static final String ROUTE_ID = "record-rejection";

    @Inject
    MessageOutcomeRecorder recorder;

    @Override
    public void configure() {
        from(HubEndpoints.RECORD_REJECTION).routeId(ROUTE_ID).bean(recorder, "rejected");
    }
}
