package org.joinedup.hub.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.BudgetTransactionOutcome.AccountOutcome;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Pence;

/**
 * The hub's record of what each funding body contributes to each person's budget: a contribution is confirmed the
 * first time its source id is seen, revised in place (new version, history kept) when the same id comes with other
 * terms, and left alone when the terms are the same or the news is older than what the hub already has.
 */
@ApplicationScoped
public class ContributionBook implements org.joinedup.hub.budget.AmountCeilings {

    @Inject
    PooledBudgetLedger ledger;

    @Inject
    FundingRules rules;

    @Inject
    jakarta.enterprise.event.Event<ContributionWithdrawn> withdrawals;

    /** What a funding body says about a contribution. */
    public record Terms(String type, ContributionStatus status, Pence amount, LocalDate periodStart,
            LocalDate periodEnd, String carePlanTitle) {
    }

    /**
     * Finds the contribution a funding body knows by this id, locked for the rest of the transaction. The plan lines
     * it pays for are locked first: every path locks plan lines before their money (a withdrawal then moves them).
     */
    @Transactional(TxType.MANDATORY)
    public Contribution find(FundingBody body, String sourceSystem, String sourceValue) {
        Contribution found = Contribution.<Contribution>find("fundingBody = ?1 and sourceSystem = ?2 and"
                + " sourceValue = ?3", body, sourceSystem, sourceValue).firstResultOptional().orElse(null);
        if (found == null) {
            return null;
        }
        Contribution.getEntityManager().createNativeQuery("select id from plan_line where contribution_id = ?1"
                + " order by id for update").setParameter(1, found.id).getResultList();
        Contribution.getEntityManager().refresh(found, LockModeType.PESSIMISTIC_WRITE);
        return found;
    }

    /**
     * Why a contribution of {@code agency}'s money may not be {@code amount} (more than its funding rule's
     * {@code max-contribution-pence}), or empty.
     */
    @Override
    public Optional<String> contributionRefusal(AgencyKind agency, Pence amount) {
        return amount == null ? Optional.empty() : rules.of(agency).flatMap(rule -> rule.contributionRefusal(amount));
    }

    /** Refuses an amount above the stream's ceiling, naming the field the agency wrote it in. */
    public void requireWithinCeiling(AgencyKind agency, Pence amount, String field) {
        contributionRefusal(agency, amount).ifPresent(why -> {
            throw new InvalidMessageException(field, why);
        });
    }

    /**
     * Records the terms for the contribution {@code existing} (null when new).
     *
     * @param occurredAt when the funding body says the change happened, or null when it does not say
     */
    @Transactional(TxType.MANDATORY)
    public AccountOutcome record(Contribution existing, FundingBody body, AgencyKind agency, SourceLink link,
            String sourceSystem, String sourceValue, Terms terms, Instant occurredAt, long messageId, String caller) {
        requireWithinCeiling(agency, terms.amount(), "amount");
        Person person = link.person();
        if (existing == null) {
            Contribution contribution = new Contribution();
            contribution.id = UUID.randomUUID();
            contribution.person = person;
            contribution.sourceRecordId = link.sourceRecordId();
            contribution.agency = agency;
            contribution.fundingBody = body;
            contribution.sourceSystem = sourceSystem;
            contribution.sourceValue = sourceValue;
            contribution.version = 1;
            contribution.createdAt = Instant.now();
            copy(terms, occurredAt, contribution);
            contribution.persistAndFlush();
            revision(contribution, "CONFIRMED", messageId, caller);
            post(contribution, link, "CONFIRMED", messageId, caller);
            return new AccountOutcome(contribution.id.toString(), true, contribution.version);
        }
        if (!existing.person.id.equals(person.id)) {
            throw new InvalidMessageException("subject", "contribution " + sourceSystem + "|" + sourceValue
                    + " belongs to another person; a contribution cannot move from one person to another");
        }
        boolean older = occurredAt != null && existing.sourceOccurredAt != null
                && occurredAt.isBefore(existing.sourceOccurredAt);
        if (older || !differs(existing, terms)) {
            return unchanged(existing);
        }
        existing.version++;
        copy(terms, occurredAt, existing);
        String change = switch (terms.status()) {
            case WITHDRAWN -> "WITHDRAWN";
            case ENDED -> "ENDED";
            case ACTIVE -> "REVISED";
        };
        revision(existing, change, messageId, caller);
        post(existing, link, change, messageId, caller);
        return new AccountOutcome(existing.id.toString(), false, existing.version);
    }

    public static AccountOutcome unchanged(Contribution existing) {
        return new AccountOutcome(existing.id.toString(), false, existing.version);
    }

    private static void copy(Terms terms, Instant occurredAt, Contribution contribution) {
        contribution.type = terms.type();
        contribution.status = terms.status();
        contribution.amountPence = Math.addExact(terms.amount().value(), contribution.carriedInPence);
        contribution.periodStart = terms.periodStart();
        contribution.periodEnd = terms.periodEnd();
        contribution.carePlanTitle = terms.carePlanTitle();
        contribution.sourceOccurredAt = occurredAt;
        contribution.updatedAt = Instant.now();
    }

    private static boolean differs(Contribution c, Terms t) {
        return c.status != t.status()
                || !c.type.equals(t.type())
                || c.amountPence - c.carriedInPence != t.amount().value()
                || !c.periodStart.equals(t.periodStart())
                || !c.periodEnd.equals(t.periodEnd())
                || !Objects.equals(c.carePlanTitle, t.carePlanTitle());
    }

    /**
     * The change in the ledger; when a cut or a withdrawal leaves money committed that the funder no longer gives,
     * the person's case gets an alert: the plan must be looked at again.
     */
    private void post(Contribution contribution, SourceLink link, String change, long messageId, String caller) {
        PooledBudgetLedger.FundingPosted posted = ledger.fundingChanged(contribution, change,
                new PooledBudgetLedger.Cause(caller, contribution.agency + " contribution " + contribution.sourceValue
                        + " " + change.toLowerCase(java.util.Locale.UK) + " (version " + contribution.version + ")",
                        messageId));
        if (contribution.status == ContributionStatus.WITHDRAWN) {
            if (posted.shortfallPence() > 0) {
                withdrawals.fire(new ContributionWithdrawn(contribution, messageId, caller));
            }
            return;
        }
        if (posted.shortfallPence() > 0) {
            PersonAlert.raise(new SourceLink(contribution.person, contribution.sourceRecordId), contribution.agency,
                    org.joinedup.hub.alerts.AlertKind.REPLAN_NEEDED, contribution.id.toString(), contribution.fundingBody.code + " "
                            + change.toLowerCase(java.util.Locale.UK) + " contribution " + contribution.sourceValue
                            + ": " + new org.joinedup.model.Pence(posted.shortfallPence())
                            + " already committed or paid is no longer funded; the plan must be looked at again",
                    messageId);
        }
    }

    /**
     * The funder takes back money of its contribution not committed or paid (a surplus found at a direct payment
     * audit): a CLAWBACK posting, and the contribution's amount goes down by it (a new version, change CLAWED_BACK).
     * Only the contribution's own funding body; at most what is available; once per reference.
     */
    @jakarta.transaction.Transactional(dontRollbackOn = org.joinedup.model.ledger.LedgerRefusal.class)
    public Contribution clawBack(UUID contributionId, String funderCode, long pence, String reference, String reason,
            String caller) {
        Contribution contribution = Contribution.findById(contributionId);
        if (contribution == null || !contribution.fundingBody.code.equalsIgnoreCase(funderCode)) {
            throw new org.joinedup.model.InvalidMessageException("contributionId", "no contribution " + contributionId
                    + " of " + funderCode);
        }
        if (reason == null || reason.isBlank() || reference == null || reference.isBlank() || pence <= 0) {
            throw new org.joinedup.model.InvalidMessageException("clawback", "give reference, amountPence (more than"
                    + " 0) and the reason");
        }
        PooledBudgetLedger.Posted posted = ledger.clawback(contributionId, pence, contributionId + ":" + reference,
                new PooledBudgetLedger.Cause(caller, funderCode + " clawed back " + new Pence(pence) + " of contribution "
                        + contribution.sourceValue + " (" + reference + "): " + reason, null));
        if (!posted.repeat()) {
            Contribution.getEntityManager().refresh(contribution); // as it is now we hold its lock
            contribution.amountPence -= pence;
            contribution.version++;
            revision(contribution, "CLAWED_BACK", null, caller);
        }
        return contribution;
    }

    /**
     * Year end carried {@code pence} of unspent money into this contribution (already posted): its amount goes up by
     * it (a new version, change CARRIED_FORWARD), and the funder's later revisions keep it.
     */
    @Transactional(TxType.MANDATORY)
    public void carriedIn(Contribution contribution, long pence, String caller) {
        contribution.amountPence = Math.addExact(contribution.amountPence, pence);
        contribution.carriedInPence = Math.addExact(contribution.carriedInPence, pence);
        contribution.version++;
        contribution.updatedAt = Instant.now();
        revision(contribution, "CARRIED_FORWARD", null, caller);
    }

    private static void revision(Contribution contribution, String change, Long messageId, String caller) {
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
