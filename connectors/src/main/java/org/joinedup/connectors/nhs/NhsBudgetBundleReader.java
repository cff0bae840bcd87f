package org.joinedup.connectors.nhs;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.fhirmapping.TransactionBundleToBudgetTransactionMapper;
import org.joinedup.model.BudgetTransaction;

/** Reads and checks a trust's transaction Bundle; an invalid one fails with every reason. */
@ApplicationScoped
public class NhsBudgetBundleReader {

    private final TransactionBundleToBudgetTransactionMapper mapper = new TransactionBundleToBudgetTransactionMapper();

    public BudgetTransaction read(Bundle bundle) {
        return mapper.map(bundle);
    }
}
