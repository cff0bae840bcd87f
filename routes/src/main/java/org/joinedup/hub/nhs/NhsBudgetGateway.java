package org.joinedup.hub.nhs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.fhir.FhirErrors;
import org.joinedup.hub.fhir.RejectedRequestRecorder;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;

/**
 * The NHS slice, its entry: where the FHIR endpoint hands a budget push over: the request exactly as it arrived is stored in
 * the message store first, then {@link NhsBudgetPushRoute} reads, checks and applies the transaction.
 */
@ApplicationScoped
public class NhsBudgetGateway {

    @Inject
    InboundMessageStore store;

    @Inject
    ProducerTemplate producer;

    @Inject
    Caller caller;

    /**
     * @param transaction the push as a transaction Bundle
     * @param request the HTTP request, whose raw body is what gets stored
     * @param agencyMessageId the sender's own id for the message, or null to recognise repeats by content
     */
    public Bundle push(Bundle transaction, RequestDetails request, String agencyMessageId) {
        return push(() -> transaction, request, agencyMessageId);
    }

    /**
     * As {@link #push(Bundle, RequestDetails, String)}, for a push that must first be turned into a transaction (a
     * budget sent on its own): if that fails, the stored message is rejected with the reason.
     */
    public Bundle push(Supplier<Bundle> transaction, RequestDetails request, String agencyMessageId) {
        if (!caller.hasRole(Caller.TRUST)) {
            throw FhirErrors.forbidden("only an NHS body (role trust) may push budgets; the caller is "
                    + caller.name() + " of " + caller.agency());
        }
        String text = new String(request.loadRequestContents(), StandardCharsets.UTF_8);
        byte[] received = (byte[]) request.getUserData().get(RejectedRequestRecorder.RECEIVED_BYTES);
        StoredMessage stored = received == null
                ? store.receive(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(), agencyMessageId,
                        request.getHeader("Content-Type"), text)
                : store.receiveKeepingBytes(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(), agencyMessageId,
                        request.getHeader("Content-Type"), text, received);
        Bundle bundle;
        try {
            bundle = transaction.get();
        } catch (InvalidMessageException e) {
            store.markRejected(stored.id(), e.issues());
            throw FhirErrors.toFhir(e);
        }
        try {
            return producer.requestBodyAndHeaders(NhsBudgetPushRoute.ENDPOINT, bundle, Map.of(
                    HubHeaders.MESSAGE_ID, stored.id(),
                    HubHeaders.CALLER_AGENCY, caller.agency(),
                    HubHeaders.CALLER, caller.name()), Bundle.class);
        } catch (RuntimeException e) {
            throw FhirErrors.toFhir(e);
        }
    }
}
