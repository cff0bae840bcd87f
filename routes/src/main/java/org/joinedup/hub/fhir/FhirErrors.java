package org.joinedup.hub.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.apache.camel.CamelExecutionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NotPermittedException;
import org.joinedup.model.ValidationIssue;

/** Turns the hub's errors into FHIR answers: an OperationOutcome whose issues name the element and the reason. */
public final class FhirErrors {

    private FhirErrors() {
    }

    public static BaseServerResponseException toFhir(Throwable failure) {
        Throwable cause = failure instanceof CamelExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof BaseServerResponseException fhir) {
            return fhir;
        }
        if (cause instanceof InvalidMessageException invalid) {
            OperationOutcome outcome = new OperationOutcome();
            for (ValidationIssue issue : invalid.issues()) {
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.INVALID)
                        .setDiagnostics(issue.reason())
                        .addExpression(issue.expression());
            }
            return new UnprocessableEntityException(invalid.getMessage(), outcome);
        }
        if (cause instanceof NotPermittedException forbidden) {
            return forbidden(forbidden.getMessage());
        }
        return new InternalErrorException("the hub could not process this request: " + cause.getMessage(), cause);
    }

    public static ForbiddenOperationException forbidden(String reason) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(reason);
        return new ForbiddenOperationException(reason, outcome);
    }
}
