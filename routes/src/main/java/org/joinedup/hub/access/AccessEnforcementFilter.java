package org.joinedup.hub.access;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The JSON API's side of the one access decision: notes what each request is (endpoint, client, purpose) for the
 * audit, and stops any successful answer from an endpoint that never asked {@link Access}: a new endpoint that
 * bypasses the decision answers {@code 500} instead of personal data (and the authorisation matrix test fails).
 */
public class AccessEnforcementFilter {

    private static final Logger LOG = Logger.getLogger(AccessEnforcementFilter.class);

    /**
     * Endpoints that hold no personal data at all and need no token: demo tokens, signing in and out of pages
     * (which audit the sign-in and sign-out themselves).
     */
    private static final java.util.Set<String> PUBLIC = java.util.Set.of("/auth/demo-token", "/app/sign-in",
            "/app/sign-out", "/app/oidc/sign-in");

    public static final String BREAK_GLASS_HEADER = "JoinedUp-Break-Glass";

    @Inject
    AccessTrail trail;

    @Inject
    Access access;

    @Inject
    AuditLog audit;

    @ServerRequestFilter(preMatching = true)
    public void arrived(ContainerRequestContext request, HttpServerRequest http) {
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        trail.arrived(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath()
                + (query == null ? "" : "?" + query), http.remoteAddress() == null ? null
                : http.remoteAddress().hostAddress(), request.getHeaderString("X-Purpose"));
    }

    /**
     * On the way out. A refusal that never reached the decision (a role the endpoint does not allow is refused on
     * the I/O thread) is audited on a worker thread; the answer waits for it.
     */
    @ServerResponseFilter
    public Uni<Void> leaving(ContainerRequestContext request, ContainerResponseContext response) {
        if (PUBLIC.contains(request.getUriInfo().getPath())) {
            return Uni.createFrom().voidItem();
        }
        if (trail.breakGlassNotice() != null) {
            response.getHeaders().putSingle(BREAK_GLASS_HEADER, trail.breakGlassNotice());
        }
        if (response.getStatus() >= 400) {
            return access.refusedBeforeDecision(response.getStatus()).map(this::record)
                    .orElseGet(() -> Uni.createFrom().voidItem());
        }
        if (!trail.wasDecided()) {
            LOG.errorf("%s answered without the access decision: answer withheld", trail.endpoint());
            response.setStatus(500);
            response.setEntity(Map.of("error", trail.endpoint() + " did not pass the access decision; its answer"
                    + " is withheld"), null, MediaType.APPLICATION_JSON_TYPE);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> record(AuditEntry entry) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            audit.append(List.of(entry));
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            audit.append(List.of(entry));
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
