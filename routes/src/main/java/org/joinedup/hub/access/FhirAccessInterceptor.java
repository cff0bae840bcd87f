package org.joinedup.hub.access;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.jboss.logging.Logger;

/**
 * The FHIR endpoint's side of the one access decision, as a HAPI interceptor: notes each request for the audit,
 * says on the answer when break-glass allowed it, and withholds any answer from an operation that never asked
 * {@link Access} (the CapabilityStatement alone is public).
 */
@Interceptor
@Singleton
public class FhirAccessInterceptor {

    private static final Logger LOG = Logger.getLogger(FhirAccessInterceptor.class);

    @Inject
    AccessTrail trail;

    @Inject
    Access access;

    @Inject
    AuditLog audit;

    /** A refusal before the decision (an unreadable request, an unknown resource type) is audited as denied. */
    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails details, ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
        if (details.getRestOperationType() != RestOperationTypeEnum.METADATA) {
            access.refusedBeforeDecision(e.getStatusCode()).ifPresent(entry -> audit.append(java.util.List.of(entry)));
        }
        return true;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean arrived(HttpServletRequest request, HttpServletResponse response) {
        String query = request.getQueryString();
        trail.arrived(request.getMethod(), request.getRequestURI() + (query == null ? "" : "?" + query),
                request.getRemoteAddr(), request.getHeader("X-Purpose"));
        return true;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean leaving(RequestDetails details, HttpServletResponse response) {
        if (details.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        if (!trail.wasDecided()) {
            LOG.errorf("%s answered without the access decision: answer withheld", trail.endpoint());
            throw new InternalErrorException(trail.endpoint() + " did not pass the access decision; its answer is"
                    + " withheld");
        }
        if (trail.breakGlassNotice() != null) {
            response.setHeader(AccessEnforcementFilter.BREAK_GLASS_HEADER, trail.breakGlassNotice());
        }
        return true;
    }
}
