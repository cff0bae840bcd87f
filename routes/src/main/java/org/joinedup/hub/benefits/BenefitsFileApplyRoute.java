package org.joinedup.hub.benefits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;
import org.joinedup.hub.inbound.InboxFileIntake;
import org.joinedup.model.AgencyKind;

/** Benefits monthly award files from the inbox are stored and applied by the hub. */
@ApplicationScoped
public class BenefitsFileApplyRoute extends RouteBuilder {

    public static final String ROUTE_ID = "benefits-monthly-apply";

    @Inject
    InboxFileIntake intake;

    @Inject
    BenefitsFileApplier applier;

    @Override
    public void configure() {
        from(HubEndpoints.APPLY_BENEFITS_FILE).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .process(exchange -> intake.process(exchange, AgencyKind.BENEFITS, "text/plain", applier::apply));
    }
}
