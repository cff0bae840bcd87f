package org.joinedup.hub.fhir;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.hub.nhs.NhsBudgetGateway;
import org.joinedup.hub.access.Access;

/** {@code POST /fhir} with a transaction Bundle: an NHS body's continuing-care budget push. */
@Singleton
public class BudgetTransactionProvider {

    @Inject
    NhsBudgetGateway gateway;

    @Inject
    Access access;

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        access.operation(Access.Action.WRITE, "Bundle (budget push)");
        String messageId = bundle.hasIdentifier() && bundle.getIdentifier().hasValue()
                ? bundle.getIdentifier().getSystem() + "|" + bundle.getIdentifier().getValue() : null;
        return gateway.push(bundle, request, messageId);
    }
}
