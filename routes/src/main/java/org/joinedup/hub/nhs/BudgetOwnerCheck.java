package org.joinedup.hub.nhs;

import jakarta.enterprise.context.ApplicationScoped;

import org.joinedup.model.BudgetPush;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.NotPermittedException;

/** An NHS body may push budgets only as itself: every Account's owner must be the caller's organisation. */
@ApplicationScoped
public class BudgetOwnerCheck {

    public void check(BudgetTransaction transaction, String callerAgency) {
        for (BudgetPush budget : transaction.budgets()) {
            if (callerAgency == null || !callerAgency.equalsIgnoreCase(budget.ownerOdsCode())) {
                throw new NotPermittedException("budget " + budget.accountKey() + " is owned by "
                        + budget.ownerOdsCode() + " (its owner Organization's identifier value, an ODS code), but the"
                        + " caller is " + callerAgency
                        + ": an NHS body may push only its own budgets");
            }
        }
    }
}
