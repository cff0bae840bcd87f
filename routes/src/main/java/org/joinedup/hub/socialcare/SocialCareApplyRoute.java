package org.joinedup.hub.socialcare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.inbound.HubHeaders;

/**
 * Council events accepted over HTTP are applied a moment later, in batches ({@link SocialCareApplyConsumer}); an
 * event of a batch that failed is put on {@code hub.social-care.one-by-one-queue}, and this transacted consumer
 * applies it alone (a failure rolls back, the broker redelivers, and after the last attempt the id waits on the
 * dead-letter queue).
 */
@ApplicationScoped
public class SocialCareApplyRoute extends RouteBuilder {

    public static final String ROUTE_ID = "social-care-apply";

    @Inject
    SocialCareEventApplier applier;

    @Override
    public void configure() {
        from("jms:queue:{{hub.social-care.one-by-one-queue}}?transacted=true").routeId(ROUTE_ID)
                .routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .convertBodyTo(Long.class)
                .setHeader(HubHeaders.MESSAGE_ID, body())
                .bean(applier, "apply(${body})");
    }
}
