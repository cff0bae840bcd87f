package org.joinedup.hub.fhir;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ValidationIssue;

/**
 * A push that HAPI cannot even parse (malformed JSON or XML) never reaches the budget flow; this interceptor still
 * stores it in the message store as rejected, with the parser's reason, so an operator can see what arrived.
 */
@Interceptor
@Singleton
public class RejectedRequestRecorder {

    @Inject
    InboundMessageStore store;

    @Inject
    Caller caller;

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean recordUnreadable(RequestDetails request, BaseServerResponseException exception) {
        if (exception instanceof InvalidRequestException && request.getRequestType() == RequestTypeEnum.POST
                && (request.getResourceName() == null || request.getResourceName().isEmpty())) {
            byte[] body = request.loadRequestContents();
            if (body != null && body.length > 0) {
                StoredMessage stored = store.receive(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(), null,
                        request.getHeader("Content-Type"), new String(body, StandardCharsets.UTF_8));
                store.markRejected(stored.id(), List.of(new ValidationIssue("Bundle", exception.getMessage())));
            }
        }
        return true;
    }
}
