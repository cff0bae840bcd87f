package org.joinedup.hub.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.budget.ContributionWithdrawn;
import org.joinedup.hub.budget.PooledBudgetLedger;
import org.joinedup.hub.people.Person;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NotPermittedException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.ledger.FundingRule;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.plan.FundingProposer;
import org.joinedup.model.plan.LineCost;

/**
 * Support plans and their money: a plan is drafted with its lines, the hub proposes (or checks the coordinator's
 * choice of) the contribution paying each line, each funding body approves or refuses the lines its money pays for,
 * an approved line becomes a commitment in the ledger, and payments are drawn from it.
 */
@ApplicationScoped
public class PlanBook {


    @Inject
    PooledBudgetLedger ledger;

    @Inject
    org.joinedup.hub.budget.FundingRules rules;

    /** A line as drafted. */
    public record DraftLine(String category, String description, String payee, LineCost.Kind costKind,
            long unitPence, int units, String management, UUID contributionId, boolean connectedPerson,
            boolean exceptionAgreed) {
    }

    /** Drafts a plan (a new version) and proposes its funding; refused line by line when it cannot be funded. */
    @Transactional
    public SupportPlan draft(UUID personId, String whatMatters, String goals, List<DraftLine> lines, boolean risky,
            String by) {
        Person person = Person.findById(personId);
        List<ValidationIssue> problems = new ArrayList<>();
        if (person == null || person.mergedInto != null) {
            throw new InvalidMessageException("personId", "no person " + personId);
        }
        if (whatMatters == null || whatMatters.isBlank()) {
            problems.add(new ValidationIssue("whatMatters", "say what matters to the person, in their words"));
        }
        if (lines == null || lines.isEmpty()) {
            problems.add(new ValidationIssue("lines", "a plan needs at least one line"));
        }
        List<FundingProposer.Line> costs = new ArrayList<>();
        for (int i = 0; lines != null && i < lines.size(); i++) {
            DraftLine line = lines.get(i);
            String where = "lines[" + (i + 1) + "]";
            if (line.category() == null || line.description() == null || line.payee() == null
                    || line.costKind() == null || line.management() == null) {
                problems.add(new ValidationIssue(where, "category, description, payee, costKind and management are"
                        + " all needed"));
                continue;
            }
            if (line.unitPence() <= 0) {
                problems.add(new ValidationIssue(where + ".unitPence", "must be more than 0"));
                continue;
            }
            long annual = new LineCost(line.costKind(), line.unitPence(), line.units()).annualPence();
            costs.add(new FundingProposer.Line(i + 1, line.category().toUpperCase(java.util.Locale.ROOT), annual,
                    line.contributionId() == null ? null : line.contributionId().toString()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        List<FundingProposer.Pot> pots = new ArrayList<>();
        for (Contribution c : Contribution.<Contribution>list("person = ?1 and status = ?2", person,
                ContributionStatus.ACTIVE)) {
            rules.of(c.agency).ifPresent(rule -> pots.add(new FundingProposer.Pot(c.id.toString(),
                    c.fundingBody.code, ledger.balances(c.id).available(), rule)));
        }
        FundingProposer.Proposal proposal = FundingProposer.propose(costs, pots);
        if (!proposal.fundable()) {
            throw new InvalidMessageException(proposal.problems());
        }
        SupportPlan plan = new SupportPlan();
        plan.id = UUID.randomUUID();
        plan.person = person;
        Integer latest = SupportPlan.find("select max(p.version) from SupportPlan p where p.person = ?1", person)
                .project(Integer.class).firstResult();
        plan.version = latest == null ? 1 : latest + 1;
        plan.whatMatters = whatMatters;
        plan.goals = goals;
        plan.risky = risky;
        plan.createdBy = by;
        plan.createdAt = Instant.now();
        for (FundingProposer.Choice choice : proposal.choices()) {
            DraftLine draft = lines.get(choice.line() - 1);
            PlanLine line = new PlanLine();
            line.id = UUID.randomUUID();
            line.plan = plan;
            line.lineNumber = choice.line();
            line.category = draft.category().toUpperCase(java.util.Locale.ROOT);
            line.description = draft.description();
            line.payee = draft.payee();
            line.costKind = draft.costKind();
            line.unitPence = draft.unitPence();
            line.units = draft.units();
            line.annualPence = new LineCost(draft.costKind(), draft.unitPence(), draft.units()).annualPence();
            line.management = draft.management();
            line.contribution = Contribution.findById(UUID.fromString(choice.contributionId()));
            line.fundingExplanation = new LineCost(draft.costKind(), draft.unitPence(), draft.units()).explain()
                    + "; paid by " + choice.explanation();
            line.status = PlanLine.Status.PROPOSED;
            line.connectedPerson = draft.connectedPerson();
            line.exceptionAgreed = draft.exceptionAgreed();
            plan.lines.add(line);
        }
        plan.persist();
        for (PlanLine line : plan.lines) {
            if (line.connectedPerson) {
                org.joinedup.hub.alerts.PersonAlert.raise(new org.joinedup.hub.identity.SourceLink(person,
                        line.contribution.sourceRecordId), line.contribution.agency, "CONNECTED_PERSON_PAYEE",
                        line.id.toString(), "plan " + plan.version + " line " + line.lineNumber + " pays "
                                + line.payee + ", a connected person" + (line.exceptionAgreed ? " (exception agreed)"
                                        : ""), null);
            }
        }
        return plan;
    }

    /**
     * The funding body of a line's contribution approves it (the yearly cost is committed in the ledger) or refuses
     * it with written reasons. Only that body decides; a decided line is not decided again.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public PlanLine decide(UUID planId, int lineNumber, boolean approve, String reason, String by, String byAgency) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .firstResultOptional().orElseThrow(() -> new InvalidMessageException("line",
                        "plan " + planId + " has no line " + lineNumber));
        String funder = line.contribution.fundingBody.code;
        if (byAgency == null || !funder.equalsIgnoreCase(byAgency)) {
            throw new NotPermittedException("line " + lineNumber + " is paid by " + funder + "; only " + funder
                    + " decides it");
        }
        if (line.status != PlanLine.Status.PROPOSED) {
            throw new LedgerRefusal("line " + lineNumber + " was already " + line.status.name().toLowerCase()
                    + " by " + line.decidedBy);
        }
        if (approve && line.plan.risky && !"AGREED".equals(line.plan.panelDecision)) {
            throw new LedgerRefusal("plan " + line.plan.version + " is flagged as risky: the risk enablement panel "
                    + (line.plan.panelDecision == null ? "has not decided yet" : "did not agree: "
                            + line.plan.panelReasons));
        }
        FundingRule rule = rules.of(line.contribution.agency).orElseThrow();
        if (approve && line.connectedPerson && !line.exceptionAgreed && rule.connectedPersonNeedsException()) {
            throw new LedgerRefusal("line " + lineNumber + " pays a connected person: " + rule.name()
                    + " money needs an agreed exception for that");
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw new InvalidMessageException("reason", "a refusal needs written reasons");
        }
        if (approve) {
            ledger.commit(line.contribution.id, line.annualPence, line.category, line.id.toString(),
                    new PooledBudgetLedger.Cause(by,
                    "plan " + line.plan.version + " line " + lineNumber + " approved: " + line.description, null));
        }
        line.status = approve ? PlanLine.Status.APPROVED : PlanLine.Status.REFUSED;
        line.decidedBy = by;
        line.decidedAt = Instant.now();
        line.decisionReason = reason;
        return line;
    }

    /**
     * A funder withdrew money that approved lines were committed to: each line's remaining commitment is released
     * (and goes back to the funder), then committed to another of the person's contributions allowed to pay for the
     * line that has enough available (restricted money first), or the line waits for re-planning with an alert.
     */
    void onWithdrawn(@jakarta.enterprise.event.Observes ContributionWithdrawn withdrawal) {
        Contribution withdrawn = withdrawal.contribution();
        for (PlanLine line : PlanLine.<PlanLine>list("contribution = ?1 and status = ?2", withdrawn,
                PlanLine.Status.APPROVED)) {
            long paid = PlanPayment.<PlanPayment>list("line", line).stream().mapToLong(p -> p.amountPence).sum();
            long remaining = line.annualPence - paid;
            if (remaining <= 0) {
                continue;
            }
            PooledBudgetLedger.Cause cause = new PooledBudgetLedger.Cause(withdrawal.caller(), "contribution "
                    + withdrawn.sourceValue + " withdrawn: plan line " + line.lineNumber + " released",
                    withdrawal.messageId());
            ledger.release(withdrawn.id, remaining, true, line.id + ":" + withdrawn.id, cause);
            Contribution other = takeOver(line, withdrawn, remaining);
            String detail;
            if (other != null) {
                ledger.commit(other.id, remaining, line.category, line.id + ":" + other.id,
                        new PooledBudgetLedger.Cause(withdrawal.caller(), "plan line " + line.lineNumber
                                + " moved from withdrawn " + withdrawn.fundingBody.code + " money", withdrawal.messageId()));
                line.fundingExplanation = line.fundingExplanation + "; moved to " + rules.of(other.agency)
                        .orElseThrow().name()
                        + " (" + other.fundingBody.code + ") when " + withdrawn.fundingBody.code + " withdrew its money";
                line.contribution = other;
                detail = "moved to " + other.fundingBody.code + " money";
            } else {
                line.status = PlanLine.Status.REPLAN;
                detail = "no other money may pay for it: the plan must be looked at again";
            }
            org.joinedup.hub.alerts.PersonAlert.raise(new org.joinedup.hub.identity.SourceLink(line.plan.person,
                    withdrawn.sourceRecordId), withdrawn.agency, other != null ? "COMMITMENT_MOVED" : "REPLAN_NEEDED",
                    line.id.toString(), withdrawn.fundingBody.code + " withdrew contribution " + withdrawn.sourceValue
                            + "; plan line " + line.lineNumber + " (" + line.description + ", "
                            + new org.joinedup.model.Pence(remaining) + " still to pay) " + detail,
                    withdrawal.messageId());
        }
    }

    private Contribution takeOver(PlanLine line, Contribution withdrawn, long pence) {
        return Contribution.<Contribution>list("person = ?1 and status = ?2 and id <> ?3", withdrawn.person,
                ContributionStatus.ACTIVE, withdrawn.id).stream()
                .filter(c -> rules.of(c.agency).map(r -> r.refusal(line.category).isEmpty()).orElse(false))
                .filter(c -> ledger.balances(c.id).available() >= pence)
                .min(java.util.Comparator.comparingInt(c -> rules.of(c.agency).orElseThrow().categories().size()))
                .orElse(null);
    }

    /** The risk enablement panel's decision on a risky plan, with its reasons. */
    @Transactional
    public SupportPlan panel(UUID planId, boolean agreed, String reasons, String by) {
        SupportPlan plan = SupportPlan.findById(planId);
        if (plan == null) {
            throw new InvalidMessageException("plan", "no plan " + planId);
        }
        if (!plan.risky) {
            throw new LedgerRefusal("plan " + planId + " is not flagged as risky; no panel decision is needed");
        }
        if (reasons == null || reasons.isBlank()) {
            throw new InvalidMessageException("reasons", "the panel's decision needs its reasons");
        }
        plan.panelDecision = agreed ? "AGREED" : "NOT_AGREED";
        plan.panelReasons = reasons;
        plan.panelDecidedBy = by;
        plan.panelDecidedAt = Instant.now();
        return plan;
    }

    /**
     * A small one-off payment a coordinator makes before a plan is approved, from a contribution whose rules allow
     * its category, up to the configured limit; once per reference.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public UUID oneOff(UUID personId, UUID contributionId, String reference, String category, String payee,
            long pence, LocalDate paidOn, long limitPence, String by) {
        List<?> known = OneOff.find(personId, reference);
        if (!known.isEmpty()) {
            return UUID.fromString(known.get(0).toString());
        }
        if (pence > limitPence) {
            throw new LedgerRefusal("a one-off payment before a plan is approved is at most "
                    + new org.joinedup.model.Pence(limitPence) + ", not " + new org.joinedup.model.Pence(pence));
        }
        Contribution contribution = Contribution.findById(contributionId);
        if (contribution == null || !contribution.person.id.equals(personId)) {
            throw new InvalidMessageException("contributionId", "not a contribution of person " + personId);
        }
        PooledBudgetLedger.Posted posted = ledger.pay(contributionId, pence, category, false,
                "one-off:" + personId + ":" + reference, new PooledBudgetLedger.Cause(by, "one-off payment "
                        + reference + " to " + payee + " before a plan", null));
        return OneOff.record(personId, contributionId, reference, category, payee, pence, paidOn, posted.postingId(),
                by);
    }

    /** One-off payments, kept in their own table. */
    static final class OneOff {
        private OneOff() {
        }

        static List<?> find(UUID personId, String reference) {
            return Contribution.getEntityManager().createNativeQuery("select cast(id as varchar) from one_off_payment"
                    + " where person_id = ?1 and reference = ?2").setParameter(1, personId)
                    .setParameter(2, reference).getResultList();
        }

        static UUID record(UUID personId, UUID contributionId, String reference, String category, String payee,
                long pence, LocalDate paidOn, long postingId, String by) {
            UUID id = UUID.randomUUID();
            Contribution.getEntityManager().createNativeQuery("insert into one_off_payment (id, person_id,"
                    + " contribution_id, reference, category, payee, amount_pence, paid_on, posting_id, paid_by)"
                    + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)").setParameter(1, id).setParameter(2, personId)
                    .setParameter(3, contributionId).setParameter(4, reference)
                    .setParameter(5, category.trim().toUpperCase(java.util.Locale.ROOT)).setParameter(6, payee)
                    .setParameter(7, pence).setParameter(8, paidOn).setParameter(9, postingId).setParameter(10, by)
                    .executeUpdate();
            return id;
        }
    }

    /**
     * A payment against an approved line, drawn from its commitment; never more than the line's yearly cost in all,
     * once per reference. Refused with the reason otherwise.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public PlanPayment pay(UUID planId, int lineNumber, String reference, long pence, LocalDate paidOn, String by) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .firstResultOptional().orElseThrow(() -> new InvalidMessageException("line",
                        "plan " + planId + " has no line " + lineNumber));
        PlanPayment known = PlanPayment.<PlanPayment>find("line = ?1 and reference = ?2", line, reference)
                .firstResult();
        if (known != null) {
            return known;
        }
        if (line.status != PlanLine.Status.APPROVED) {
            throw new LedgerRefusal("line " + lineNumber + " is " + line.status.name().toLowerCase()
                    + ": only an approved line can be paid");
        }
        long paidBefore = PlanPayment.<PlanPayment>list("line", line).stream().mapToLong(p -> p.amountPence).sum();
        if (paidBefore + pence > line.annualPence) {
            throw new LedgerRefusal(new org.joinedup.model.Pence(pence) + " would take line " + lineNumber
                    + " past its " + new org.joinedup.model.Pence(line.annualPence) + " a year ("
                    + new org.joinedup.model.Pence(paidBefore) + " paid already)");
        }
        PooledBudgetLedger.Posted posted = ledger.pay(line.contribution.id, pence, line.category, true,
                "line:" + line.id + ":" + reference, new PooledBudgetLedger.Cause(by, "payment " + reference + " to "
                        + line.payee + " for plan line " + lineNumber + " (" + line.description + ")", null));
        PlanPayment payment = new PlanPayment();
        payment.id = UUID.randomUUID();
        payment.line = line;
        payment.reference = reference;
        payment.amountPence = pence;
        payment.paidOn = paidOn;
        payment.postingId = posted.postingId();
        payment.paidBy = by;
        payment.persist();
        return payment;
    }
}
