package org.joinedup.connectors.housing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;

/**
 * Housing providers drop their nightly tenancy snapshot into {@code hub.housing.inbox}. A file is taken only once
 * it has stopped growing (and never while it still ends in .part or .tmp; an empty file too, to be refused
 * with its reason rather than left in the inbox unseen), handed to the hub, and then moved to
 * {@code done/} or, when refused whole or failed, to {@code rejected/}, with a report or reason file beside it.
 */
@ApplicationScoped
public class TenancyExtractRoute extends RouteBuilder {

    public static final String ROUTE_ID = "housing-tenancies-inbound";
    public static final String APPLY_NODE = "housing-tenancies-hand-over";

    @Override
    public void configure() {
        from("file:{{hub.housing.inbox}}?include=.*\\.(csv|CSV)&exclude=.*\\.(part|tmp)"
                + "&readLock=idempotent-changed&readLockMinAge=1000&readLockCheckInterval=500&readLockMinLength=0"
                // hub instances sharing the inbox: exactly one takes each file (a claim in the database)
                + "&idempotentRepository=#inboxClaims&idempotentKey=housing/${file:onlyname}&readLockRemoveOnCommit=true"
                + "&readLockIdempotentReleaseDelay=2000&readLockIdempotentReleaseAsync=true"
                // no marker files: the claim is the lock (an instance starting would delete another's as orphans)
                + "&readLockMarkerFile=false&readLockDeleteOrphanLockFiles=false"
                + "&move=done/${file:name}&moveFailed=rejected/${file:name}")
                .routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .to(HubEndpoints.APPLY_TENANCY_FILE).id(APPLY_NODE);
    }
}
