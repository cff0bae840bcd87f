package org.joinedup.connectors.nhs;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.fhirmapping.BudgetTransactionOutcomeToResponseBundleMapper;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransactionOutcome;

/** Answers the trust with a transaction-response Bundle. */
@ApplicationScoped
public class NhsBudgetResponseWriter {

    private final BudgetTransactionOutcomeToResponseBundleMapper mapper =
            new BudgetTransactionOutcomeToResponseBundleMapper();

    public Bundle write(BudgetTransaction transaction, BudgetTransactionOutcome outcome) {
        return mapper.map(transaction, outcome);
    }
}
