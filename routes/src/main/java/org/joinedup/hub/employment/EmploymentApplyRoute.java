package org.joinedup.hub.employment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.inbound.HubHeaders;

/** Employment events, once stored, are applied inside the consumer's JMS transaction. */
@ApplicationScoped
public class EmploymentApplyRoute extends RouteBuilder {

    public static final String ROUTE_ID = "employment-apply";

    @Inject
    EmploymentEventApplier applier;

    @Override
    public void configure() {
        from(HubEndpoints.APPLY_EMPLOYMENT_EVENT).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(applier, "apply(${body}, ${header." + HubHeaders.MESSAGE_ID + "})");
    }
}
