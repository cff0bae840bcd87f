package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.joinedup.hub.access.FhirAccessInterceptor;

/**
 * The hub's FHIR R4 endpoint at {@code /fhir}, built on HAPI FHIR's own server framework: its CapabilityStatement
 * ({@code GET /fhir/metadata}) is generated from the providers below, so it says exactly what is supported.
 */
@WebServlet(urlPatterns = "/fhir/*", loadOnStartup = 1)
public class HubFhirServlet extends RestfulServer {

    @Inject
    FhirContext fhirContext;

    @Inject
    PatientResourceProvider patients;

    @Inject
    AccountResourceProvider accounts;

    @Inject
    QuestionnaireResourceProvider questionnaires;

    @Inject
    QuestionnaireResponseResourceProvider assessments;

    @Inject
    ChargeItemResourceProvider payments;

    @Inject
    ConsentResourceProvider consents;

    @Inject
    AuditEventResourceProvider auditEvents;

    @Inject
    BudgetTransactionProvider transactions;

    @Inject
    RejectedRequestRecorder rejectedRequests;

    @Inject
    FhirAccessInterceptor access;

    @Override
    protected void initialize() {
        setFhirContext(fhirContext);
        setImplementationDescription("JoinedUp integration hub");
        setServerName("JoinedUp");
        setServerVersion("0.1.0");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setResourceProviders(List.of(patients, accounts, questionnaires, assessments, payments, consents,
                auditEvents));
        registerProvider(transactions);
        registerInterceptor(rejectedRequests);
        registerInterceptor(access);
    }
}
