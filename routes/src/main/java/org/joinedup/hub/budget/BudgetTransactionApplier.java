package org.joinedup.hub.budget;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.BudgetPush;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransactionOutcome;
import org.joinedup.model.BudgetTransactionOutcome.AccountOutcome;
import org.joinedup.model.InvalidMessageException;

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

    @Transactional
    public BudgetTransactionOutcome apply(BudgetTransaction transaction, long messageId, String caller) {
        boolean alreadyApplied = store.lockAndCheckApplied(messageId);
        Map<String, String> personIds = new LinkedHashMap<>();
        Map<String, String> bodyIds = new LinkedHashMap<>();
        Map<String, AccountOutcome> accounts = new LinkedHashMap<>();
        for (BudgetPush budget : transaction.budgets()) {
            FundingBody body = FundingBody.findOrRegister(AgencyKind.NHS, budget.ownerOdsCode(), budget.ownerName());
            Contribution existing = Contribution.<Contribution>find(
                    "fundingBody = ?1 and sourceSystem = ?2 and sourceValue = ?3",
                    body, budget.accountSystem(), budget.accountValue())
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResultOptional().orElse(null);
            Person person = people.findOrCreate(budget.person());
            if (existing != null && !existing.person.id.equals(person.id)) {
                throw new InvalidMessageException("Account.subject", "budget " + budget.accountKey()
                        + " belongs to another person; a budget cannot move from one person to another");
            }
            AccountOutcome outcome = alreadyApplied || existing != null && !differs(existing, budget)
                    ? unchanged(existing, budget)
                    : existing == null ? create(budget, person, body, messageId, caller)
                    : revise(existing, budget, messageId, caller);
            personIds.put(budget.person().nhsNumber().value(), person.id.toString());
            bodyIds.put(body.code, body.id.toString());
            accounts.put(budget.accountKey(), outcome);
        }
        if (!alreadyApplied) {
            store.markApplied(messageId);
        }
        return new BudgetTransactionOutcome(personIds, bodyIds, accounts);
    }

    private static AccountOutcome unchanged(Contribution existing, BudgetPush budget) {
        if (existing == null) {
            throw new IllegalStateException("budget " + budget.accountKey() + " of an applied message is missing");
        }
        return new AccountOutcome(existing.id.toString(), false, existing.version);
    }

    private static AccountOutcome create(BudgetPush budget, Person person, FundingBody body, long messageId,
            String caller) {
        Contribution contribution = new Contribution();
        contribution.id = UUID.randomUUID();
        contribution.person = person;
        contribution.agency = AgencyKind.NHS;
        contribution.fundingBody = body;
        contribution.sourceSystem = budget.accountSystem();
        contribution.sourceValue = budget.accountValue();
        contribution.version = 1;
        contribution.createdAt = Instant.now();
        copy(budget, contribution);
        contribution.persistAndFlush();
        record(contribution, "CONFIRMED", messageId, caller);
        return new AccountOutcome(contribution.id.toString(), true, contribution.version);
    }

    private static AccountOutcome revise(Contribution contribution, BudgetPush budget, long messageId, String caller) {
        contribution.version++;
        copy(budget, contribution);
        String change = switch (budget.status()) {
            case WITHDRAWN -> "WITHDRAWN";
            case ENDED -> "ENDED";
            case ACTIVE -> "REVISED";
        };
        record(contribution, change, messageId, caller);
        return new AccountOutcome(contribution.id.toString(), false, contribution.version);
    }

    private static void copy(BudgetPush budget, Contribution contribution) {
        contribution.type = budget.type().code();
        contribution.status = budget.status();
        contribution.amountPence = budget.amount().value();
        contribution.periodStart = budget.periodStart();
        contribution.periodEnd = budget.periodEnd();
        contribution.carePlanTitle = budget.carePlanTitle();
        contribution.updatedAt = Instant.now();
    }

    private static boolean differs(Contribution c, BudgetPush b) {
        return c.status != b.status()
                || !c.type.equals(b.type().code())
                || c.amountPence != b.amount().value()
                || !c.periodStart.equals(b.periodStart())
                || !c.periodEnd.equals(b.periodEnd())
                || !Objects.equals(c.carePlanTitle, b.carePlanTitle());
    }

    private static void record(Contribution contribution, String change, long messageId, String caller) {
        ContributionRevision revision = new ContributionRevision();
        revision.contribution = contribution;
        revision.version = contribution.version;
        revision.status = contribution.status;
        revision.type = contribution.type;
        revision.amountPence = contribution.amountPence;
        revision.periodStart = contribution.periodStart;
        revision.periodEnd = contribution.periodEnd;
        revision.change = change;
        revision.messageId = messageId;
        revision.changedBy = caller == null ? "unknown" : caller;
        revision.changedAt = Instant.now();
        revision.persist();
    }
}
