package org.joinedup.hub.benefits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.InboxFileIntake;
import org.joinedup.model.AgencyKind;

/**
 * The benefits agency's slice, its entry: one award file a month per authority dropped into
 * {@code hub.benefits.inbox} ({@code BEN_<gss>_<yyyymm>_<seq>.DAT}), read by {@code BenefitsFileReader} (module
 * connectors) and applied by {@link BenefitsFileApplier}, which checks header and trailer before applying anything.
 */
@ApplicationScoped
public class BenefitsFileRoute extends RouteBuilder {

    public static final String ROUTE_ID = "benefits-monthly-inbound";

    @Inject
    InboxFileIntake intake;

    @Inject
    BenefitsFileApplier applier;

    @Override
    public void configure() {
        intake.route(this, ROUTE_ID, "hub.benefits.inbox", "BEN_.*\\.DAT", AgencyKind.BENEFITS, "text/plain",
                applier::apply);
    }
}
