package org.joinedup.hub.housing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;
import org.joinedup.connectors.housing.TenancyExtractReader;
import org.joinedup.hub.inbound.InboxFileIntake;
import org.joinedup.model.AgencyKind;

/** Tenancy snapshots from the housing inbox are stored and applied by the hub. */
@ApplicationScoped
public class TenancyFileRoute extends RouteBuilder {

    public static final String ROUTE_ID = "housing-tenancies-apply";

    @Inject
    InboxFileIntake intake;

    @Inject
    TenancySnapshotApplier applier;

    @Override
    public void configure() {
        from(HubEndpoints.APPLY_TENANCY_FILE).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .process(exchange -> intake.process(exchange, AgencyKind.HOUSING, "text/csv",
                        (messageId, file, name) -> applier.apply(messageId, TenancyExtractReader.snapshotOf(name), file)));
    }
}
