package org.joinedup.hub.nhs;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.budget.ContributionBook;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.cases.Families;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.BudgetPush;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransactionOutcome;
import org.joinedup.model.BudgetTransactionOutcome.AccountOutcome;

/**
 * Applies an NHS body's budget transaction in one database transaction, exactly once per message: the person is
 * found by NHS number or created, the body found or registered, and each budget becomes an NHS contribution, revised
 * in place when the same budget identifier comes again, withdrawn when it is sent as entered-in-error. A repeat of a
 * message already applied changes nothing and answers what the original did.
 */
@ApplicationScoped
public class BudgetTransactionApplier {

    @Inject
    InboundMessageStore store;

    @Inject
    PersonDirectory people;

    @Inject
    ContributionBook contributions;

    @Inject
    Families families;

    @Transactional
    public BudgetTransactionOutcome apply(BudgetTransaction transaction, long messageId, String caller) {
        return store.applyOnce(messageId, () -> outcome(transaction, messageId, caller, true),
                () -> outcome(transaction, messageId, caller, false));
    }

    /** Applies the transaction, or, when {@code alreadyApplied}, answers what applying it did. */
    private BudgetTransactionOutcome outcome(BudgetTransaction transaction, long messageId, String caller,
            boolean alreadyApplied) {
        Map<String, String> personIds = new LinkedHashMap<>();
        Map<String, String> bodyIds = new LinkedHashMap<>();
        Map<String, AccountOutcome> accounts = new LinkedHashMap<>();
        if (!alreadyApplied) {
            // before anything is linked or written: a refused push leaves nothing behind
            for (BudgetPush budget : transaction.budgets()) {
                contributions.requireWithinCeiling(AgencyKind.NHS, budget.amount(), "Account.extension('"
                        + org.joinedup.fhirmapping.FhirSystems.BUDGET_AMOUNT_EXTENSION + "').valueMoney.value");
            }
        }
        for (BudgetPush budget : transaction.budgets()) {
            FundingBody body = FundingBody.findOrRegister(AgencyKind.NHS, budget.ownerOdsCode(), budget.ownerName());
            Contribution existing = contributions.find(body, budget.accountSystem(), budget.accountValue());
            SourceLink link = people.link(budget.ownerOdsCode(), budget.person());
            Person person = link.person();
            AccountOutcome outcome;
            if (alreadyApplied) {
                if (existing == null) {
                    throw new IllegalStateException("budget " + budget.accountKey() + " of an applied message is gone");
                }
                outcome = ContributionBook.unchanged(existing);
            } else {
                families.ensureCase(person);
                outcome = contributions.record(existing, body, AgencyKind.NHS, link, budget.accountSystem(),
                        budget.accountValue(), new ContributionBook.Terms(budget.type().code(), budget.status(),
                                budget.amount(), budget.periodStart(), budget.periodEnd(), budget.carePlanTitle()),
                        null, messageId, caller);
            }
            personIds.put(budget.person().nhsNumber().value(), person.id.toString());
            bodyIds.put(body.code, body.id.toString());
            accounts.put(budget.accountKey(), outcome);
        }
        return new BudgetTransactionOutcome(personIds, bodyIds, accounts);
    }
}
