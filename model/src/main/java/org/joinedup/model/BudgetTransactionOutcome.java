package org.joinedup.model;

import java.util.Map;

/** What applying a budget transaction did, by the keys of {@link BudgetTransaction.Entry}. */
public record BudgetTransactionOutcome(
        Map<String, String> personIdByNhsNumber,
        Map<String, String> organisationIdByOdsCode,
        Map<String, AccountOutcome> accountByKey) {

    /** The contribution an account became, whether it was new, and its version after this push. */
    public record AccountOutcome(String contributionId, boolean created, int version) {
    }
}
