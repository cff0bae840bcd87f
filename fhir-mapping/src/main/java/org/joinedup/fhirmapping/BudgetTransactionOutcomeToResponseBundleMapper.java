package org.joinedup.fhirmapping;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransactionOutcome;
import org.joinedup.model.BudgetTransactionOutcome.AccountOutcome;

/** The transaction-response a FHIR client expects: one entry per request entry, in the same order. */
public final class BudgetTransactionOutcomeToResponseBundleMapper {

    public Bundle map(BudgetTransaction transaction, BudgetTransactionOutcome outcome) {
        Bundle response = new Bundle();
        response.setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (BudgetTransaction.Entry entry : transaction.entries()) {
            Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
            switch (entry.kind()) {
                case PATIENT -> answer.setStatus("200 OK")
                        .setLocation("Patient/" + outcome.personIdByNhsNumber().get(entry.key()));
                case ORGANIZATION -> answer.setStatus("200 OK")
                        .setLocation("Organization/" + outcome.organisationIdByOdsCode().get(entry.key()));
                case ACCOUNT -> {
                    AccountOutcome account = outcome.accountByKey().get(entry.key());
                    answer.setStatus(account.created() ? "201 Created" : "200 OK")
                            .setLocation("Account/" + account.contributionId() + "/_history/" + account.version())
                            .setEtag("W/\"" + account.version() + "\"");
                }
                case CARE_PLAN -> {
                    answer.setStatus("200 OK");
                    OperationOutcome note = new OperationOutcome();
                    note.addIssue()
                            .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                            .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                            .setDiagnostics("The care plan is recorded with the budget it pays for; it is not served"
                                    + " as a CarePlan resource of its own.");
                    answer.setOutcome(note);
                }
            }
        }
        return response;
    }
}
