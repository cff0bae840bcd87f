package org.joinedup.hub.housing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.housing.TenancyExtractReader;
import org.joinedup.hub.inbound.InboxFileIntake;
import org.joinedup.model.AgencyKind;

/**
 * The housing providers' slice, its entry: each provider's nightly tenancy snapshot dropped into
 * {@code hub.housing.inbox} ({@code tenancies-<provider>-<yyyymmdd>.csv}), read by {@code TenancyExtractReader}
 * (module connectors) and applied by {@link TenancySnapshotApplier}.
 */
@ApplicationScoped
public class TenancyFileRoute extends RouteBuilder {

    public static final String ROUTE_ID = "housing-tenancies-inbound";

    @Inject
    InboxFileIntake intake;

    @Inject
    TenancySnapshotApplier applier;

    @Override
    public void configure() {
        intake.route(this, ROUTE_ID, "hub.housing.inbox", ".*\\.(csv|CSV)", AgencyKind.HOUSING, "text/csv",
                (messageId, file, name) -> applier.apply(messageId, TenancyExtractReader.snapshotOf(name), file));
    }
}
