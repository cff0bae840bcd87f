package org.joinedup.connectors.benefits;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;

/**
 * The benefits agency drops one award file a month per authority into {@code hub.benefits.inbox}
 * ({@code BEN_<gss>_<yyyymm>_<seq>.DAT}). A file is taken once it has stopped growing, handed to the hub (which
 * checks header and trailer before applying anything), and moved to {@code done/} or {@code rejected/}.
 */
@ApplicationScoped
public class BenefitsFileRoute extends RouteBuilder {

    public static final String ROUTE_ID = "benefits-monthly-inbound";
    public static final String HAND_OVER_NODE = "benefits-monthly-hand-over";

    @Override
    public void configure() {
        from("file:{{hub.benefits.inbox}}?include=BEN_.*\\.DAT&exclude=.*\\.(part|tmp)"
                + "&readLock=idempotent-changed&readLockMinAge=1000&readLockCheckInterval=500&readLockMinLength=0"
                // hub instances sharing the inbox: exactly one takes each file (a claim in the database)
                + "&idempotentRepository=#inboxClaims&idempotentKey=benefits/${file:onlyname}&readLockRemoveOnCommit=true"
                + "&readLockIdempotentReleaseDelay=2000&readLockIdempotentReleaseAsync=true"
                // no marker files: the claim is the lock (an instance starting would delete another's as orphans)
                + "&readLockMarkerFile=false&readLockDeleteOrphanLockFiles=false"
                + "&move=done/${file:name}&moveFailed=rejected/${file:name}")
                .routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .to(HubEndpoints.APPLY_BENEFITS_FILE).id(HAND_OVER_NODE);
    }
}
