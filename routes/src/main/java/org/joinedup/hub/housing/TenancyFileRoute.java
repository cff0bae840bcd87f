package org.joinedup.hub.housing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;

/** Tenancy snapshots from the housing inbox are stored and applied by the hub. */
@ApplicationScoped
public class TenancyFileRoute extends RouteBuilder {

    public static final String ROUTE_ID = "housing-tenancies-apply";

    @Inject
    TenancyFileIntake intake;

    @Override
    public void configure() {
        from(HubEndpoints.APPLY_TENANCY_FILE).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(intake, "process");
    }
}
