package org.joinedup.hub.fhir;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.connectors.HubHeaders;
import org.joinedup.connectors.nhs.NhsBudgetPushRoute;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;

/**
 * {@code POST /fhir} with a transaction Bundle: an NHS body's continuing-care budget push. The raw request is
 * stored in the message store first; then the NHS connector's route reads, checks and applies it.
 */
@Singleton
public class BudgetTransactionProvider {

    @Inject
    InboundMessageStore store;

    @Inject
    ProducerTemplate producer;

    @Inject
    Caller caller;

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (!caller.hasRole(Caller.TRUST)) {
            throw FhirErrors.forbidden("only an NHS body (role trust) may push budgets; the caller is "
                    + caller.name() + " of " + caller.agency());
        }
        String messageId = bundle.hasIdentifier() && bundle.getIdentifier().hasValue()
                ? bundle.getIdentifier().getSystem() + "|" + bundle.getIdentifier().getValue() : null;
        StoredMessage stored = store.receive(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(), messageId,
                request.getHeader("Content-Type"), new String(request.loadRequestContents(), StandardCharsets.UTF_8));
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
