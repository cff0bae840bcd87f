package org.joinedup.model;

import java.time.LocalDate;

/**
 * A continuing-care budget as an NHS body pushed it: one contribution to one person's pooled budget. The same
 * {@code accountSystem}/{@code accountValue} pushed again by the same body is the same budget, revised.
 */
public record BudgetPush(
        PersonDetails person,
        String ownerOdsCode,
        String ownerName,
        String accountSystem,
        String accountValue,
        ContributionStatus status,
        NhsBudgetType type,
        Pence amount,
        LocalDate periodStart,
        LocalDate periodEnd,
        String carePlanTitle) {

    /** The key under which the owning body identifies this budget. */
    public String accountKey() {
        return accountSystem + "|" + accountValue;
    }
}
