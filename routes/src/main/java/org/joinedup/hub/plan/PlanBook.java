package org.joinedup.hub.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.budget.ContributionWithdrawn;
import org.joinedup.hub.budget.PooledBudgetLedger;
import org.joinedup.hub.people.Person;
import org.joinedup.model.AgencyKind;
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
    org.joinedup.hub.platform.Today today;

    @Inject
    org.joinedup.hub.platform.HubConfig config;

    @Inject
    org.joinedup.hub.budget.FundingRules rules;

    @Inject
    PaymentRun paymentRun;

    /**
     * A line as drafted. In a revision, {@code replaces} may name the line number of the previous version this line
     * replaces; without it, a line with the same category, description and payee as a previous line replaces it.
     * {@code payDay} (a weekly or hourly line's day of payment, optional) makes its yearly cost count the weeks that
     * day falls in the year (53 Wednesdays in 2026/27) instead of 52.
     */
    public record DraftLine(String category, String description, String payee, LineCost.Kind costKind,
            long unitPence, java.math.BigDecimal units, String management, UUID contributionId, boolean connectedPerson,
            boolean exceptionAgreed, Integer replaces, java.time.DayOfWeek payDay) {

        public DraftLine(String category, String description, String payee, LineCost.Kind costKind, long unitPence,
                java.math.BigDecimal units, String management, UUID contributionId, boolean connectedPerson,
                boolean exceptionAgreed, Integer replaces) {
            this(category, description, payee, costKind, unitPence, units, management, contributionId,
                    connectedPerson, exceptionAgreed, replaces, null);
        }

        /** As costed in 52 weeks: whether the units can be costed at all. */
        LineCost cost() {
            return new LineCost(costKind, unitPence, units == null ? java.math.BigDecimal.ZERO : units);
        }

        /** What it costs in the financial year. */
        LineCost cost(org.joinedup.model.FinancialYear year) {
            return new LineCost(costKind, unitPence, units == null ? java.math.BigDecimal.ZERO : units,
                    PlanLine.weeks(payDay, year));
        }

        long annualPence() {
            return cost().annualPence();
        }
    }

    /**
     * Drafts a person's first plan and proposes its funding; refused line by line when it cannot be funded, and
     * refused when the person already has a plan (that one is revised instead).
     */
    @Transactional
    public SupportPlan draft(UUID personId, String whatMatters, String goals, List<DraftLine> lines, boolean risky,
            String by) {
        Person person = Person.findById(personId);
        if (person == null || person.mergedInto != null) {
            throw new InvalidMessageException("personId", "no person " + personId);
        }
        check(whatMatters, lines);
        SupportPlan current = SupportPlan.<SupportPlan>find("person = ?1 and supersededBy is null", person)
                .firstResult();
        if (current != null) {
            throw new LedgerRefusal("person " + personId + " already has plan version " + current.version + " ("
                    + current.id + "): revise it with POST /api/plans/" + current.id + "/revisions");
        }
        List<FundingProposer.Line> costs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            costs.add(cost(i + 1, lines.get(i), lines.get(i).cost(today.financialYear()).annualPence()));
        }
        SupportPlan plan = newVersion(person, whatMatters, goals, risky, by);
        plan.reviewDue = today.date().plusYears(1); // reviewed a year on, unless the coordinator says otherwise
        for (FundingProposer.Choice choice : propose(person, costs).choices()) {
            plan.lines.add(proposedLine(plan, choice, lines.get(choice.line() - 1), null));
        }
        return saved(plan);
    }

    /**
     * Revises the current plan as life changes: a new version. A line the same as an approved line of the previous
     * version (same thing, payee, cost, management and money) is carried over with its approval and its commitment;
     * a changed or new line is proposed again and waits for its funder's decision, with what its previous line has
     * paid this year still counted against it; the commitment left on changed or dropped lines is released. The
     * previous version is superseded. Refused (and nothing changes) when the revision cannot be funded.
     */
    @Transactional
    public SupportPlan revise(UUID planId, String whatMatters, String goals, List<DraftLine> lines, boolean risky,
            String by) {
        return revise(planId, whatMatters, goals, lines, risky, by, java.util.Set.of());
    }

    /**
     * The person moves line {@code lineNumber} of their current plan to another provider, once the notice they gave
     * the old one ({@code noticeGivenOn}) has run ({@code hub.plans.switch-notice-days}): a revision in which that line
     * keeps its money and approval when only the provider changed and the money's rules allow it (not for a connected
     * person), and otherwise goes back to its funder; every other line is carried as it is.
     */
    @Transactional
    public SupportPlan switchProvider(UUID planId, int lineNumber, String provider, Boolean connectedPerson,
            java.time.LocalDate noticeGivenOn, String by) {
        SupportPlan current = SupportPlan.findById(planId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (current == null) {
            throw new InvalidMessageException("plan", "no plan " + planId);
        }
        // the lines locked before they are read: a decision or a withdrawal in the meantime is seen, not overwritten
        PlanLine.lockLinesOf(List.of(planId));
        PlanLine line = current.lines.stream().filter(l -> l.lineNumber == lineNumber).findFirst()
                .orElseThrow(() -> new InvalidMessageException("line", "plan version " + current.version + " has no"
                        + " line " + lineNumber));
        List<ValidationIssue> problems = new ArrayList<>();
        String to = provider == null ? "" : provider.strip().replaceAll("\\s+", " ");
        if (to.isEmpty()) {
            problems.add(new ValidationIssue("provider", "required: the provider the line moves to"));
        } else if (to.length() > 300) {
            problems.add(new ValidationIssue("provider", "longer than 300 characters"));
        } else if (to.equalsIgnoreCase(line.payee)) {
            problems.add(new ValidationIssue("provider", "line " + lineNumber + " is paid to " + line.payee
                    + " already"));
        }
        if (connectedPerson == null) {
            problems.add(new ValidationIssue("connectedPerson", "required: whether " + (to.isEmpty() ? "the new"
                    + " provider" : to) + " is a family member or someone living with the person (true or false)"));
        }
        int notice = config.plans().switchNoticeDays();
        if (noticeGivenOn == null) {
            problems.add(new ValidationIssue("noticeGivenOn", "required: the day the person gave " + line.payee
                    + " notice"));
        } else if (noticeGivenOn.plusDays(notice).isAfter(today.date())) {
            problems.add(new ValidationIssue("noticeGivenOn", "the notice of " + notice + " days given on "
                    + noticeGivenOn + " runs until " + noticeGivenOn.plusDays(notice) + ": switch from then"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        List<DraftLine> lines = new ArrayList<>();
        for (PlanLine l : current.lines) {
            boolean switched = l.lineNumber == lineNumber;
            // the moved line's payee is someone else: an exception agreed to pay a family member was for the old one
            lines.add(new DraftLine(l.category, l.description, switched ? to : l.payee, l.costKind, l.unitPence,
                    l.units, l.management, l.contribution.id, switched ? connectedPerson : l.connectedPerson,
                    !switched && l.exceptionAgreed, l.lineNumber, l.payDay));
        }
        return revise(planId, current.whatMatters, current.goals, lines, current.risky, by,
                java.util.Set.of(lineNumber));
    }

    private SupportPlan revise(UUID planId, String whatMatters, String goals, List<DraftLine> lines, boolean risky,
            String by, java.util.Set<Integer> switching) {
        SupportPlan previous = SupportPlan.findById(planId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (previous == null) {
            throw new InvalidMessageException("plan", "no plan " + planId);
        }
        if (previous.supersededBy != null) {
            throw new LedgerRefusal("plan version " + previous.version + " was already revised: version "
                    + previous.supersededBy.version + " (" + previous.supersededBy.id + ") is the current plan");
        }
        check(whatMatters, lines);
        PlanLine.lockLinesOf(List.of(planId)); // before their money: what they paid cannot change under us
        List<PlanLine> replaced = replacedLines(previous, lines);
        // a plan the panel had to decide stays risky: a revision cannot take it past the panel by saying otherwise
        SupportPlan plan = newVersion(previous.person, whatMatters, goals, risky || previous.risky, by);
        plan.reviewDue = previous.reviewDue; // a revision is not a review
        PooledBudgetLedger.Cause cause = new PooledBudgetLedger.Cause(by, "plan " + previous.person.id + " revised"
                + " from version " + previous.version + " to " + plan.version, null);
        for (PlanLine old : previous.lines) {
            org.joinedup.hub.alerts.PersonAlert.close(previous.person, org.joinedup.hub.alerts.AlertKind.OVERSPEND, old.id.toString());
            org.joinedup.hub.alerts.PersonAlert.close(previous.person, org.joinedup.hub.alerts.AlertKind.UNDERSPEND, old.id.toString());
            int index = replaced.indexOf(old);
            boolean carried = index >= 0 && old.status == PlanLine.Status.APPROVED && (old.sameAs(lines.get(index))
                    || keepsApproval(previous, old, lines.get(index), switching));
            long remaining = old.annualPence - old.paidPence();
            if (old.status == PlanLine.Status.APPROVED && !carried && remaining > 0) {
                ledger.release(old.contribution.id, remaining, old.category, false, "revision:" + plan.id + ":" + old.id,
                        cause);
            }
        }
        List<FundingProposer.Line> costs = new ArrayList<>();
        List<ValidationIssue> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            DraftLine draft = lines.get(i);
            PlanLine old = replaced.get(i);
            if (old != null && old.status == PlanLine.Status.APPROVED && old.sameAs(draft)) {
                plan.lines.add(carriedLine(plan, i + 1, old));
                continue;
            }
            if (old != null && old.status == PlanLine.Status.APPROVED && keepsApproval(previous, old, draft,
                    switching)) {
                PlanLine switched = carriedLine(plan, i + 1, old);
                switched.payee = draft.payee();
                switched.change = PlanLine.Change.PROVIDER_SWITCHED;
                plan.lines.add(switched);
                continue;
            }
            long toCommit = draft.cost(today.financialYear()).annualPence()
                    - (old == null ? 0 : old.paidIn(today.financialYear()));
            if (toCommit <= 0) {
                problems.add(new ValidationIssue("lines[" + (i + 1) + "]", new org.joinedup.model.Pence(
                        old.paidIn(today.financialYear())) + " has already been paid this year on line " + old.lineNumber
                        + " of version " + previous.version + ", which this line replaces: its yearly cost cannot be "
                        + new org.joinedup.model.Pence(draft.cost(today.financialYear()).annualPence())));
                continue;
            }
            costs.add(cost(i + 1, draft, toCommit));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        for (FundingProposer.Choice choice : propose(previous.person, costs).choices()) {
            PlanLine old = replaced.get(choice.line() - 1);
            PlanLine line = proposedLine(plan, choice, lines.get(choice.line() - 1), old);
            if (old != null) {
                line.fundingExplanation = line.fundingExplanation + " (" + new org.joinedup.model.Pence(
                        old.paidIn(today.financialYear())) + " paid this year on the line it replaces)";
            }
            plan.lines.add(line);
        }
        plan.lines.sort(java.util.Comparator.comparingInt(l -> l.lineNumber));
        saved(plan);
        previous.supersededBy = plan;
        previous.supersededAt = plan.createdAt;
        return plan;
    }

    /**
     * Whether a line moved to another provider keeps its money and approval: only its provider changed, neither is a
     * connected person, and the plan is not one the risk panel decides (the panel agreed to the arrangement as it was).
     */
    private static boolean keepsApproval(SupportPlan previous, PlanLine old, DraftLine draft,
            java.util.Set<Integer> switching) {
        return switching.contains(old.lineNumber) && !previous.risky && old.onlyProviderChanged(draft);
    }

    /** For each revision line, the line of the previous version it replaces, or null. */
    private static List<PlanLine> replacedLines(SupportPlan previous, List<DraftLine> lines) {
        List<PlanLine> replaced = new ArrayList<>();
        List<ValidationIssue> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            DraftLine draft = lines.get(i);
            PlanLine old = null;
            if (draft.replaces() != null) {
                old = previous.lines.stream().filter(l -> l.lineNumber == draft.replaces()).findFirst().orElse(null);
                if (old == null) {
                    problems.add(new ValidationIssue("lines[" + (i + 1) + "].replaces", "version "
                            + previous.version + " has no line " + draft.replaces()));
                }
            } else {
                old = previous.lines.stream().filter(l -> l.replacedBy(draft) && !replaced.contains(l)
                        && lines.stream().noneMatch(d -> Integer.valueOf(l.lineNumber).equals(d.replaces())))
                        .findFirst().orElse(null);
            }
            if (old != null && replaced.contains(old)) {
                problems.add(new ValidationIssue("lines[" + (i + 1) + "].replaces", "line " + old.lineNumber
                        + " of version " + previous.version + " is already replaced by another line"));
            }
            replaced.add(old);
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        return replaced;
    }

    private static void check(String whatMatters, List<DraftLine> lines) {
        List<ValidationIssue> problems = new ArrayList<>();
        if (whatMatters == null || whatMatters.isBlank()) {
            problems.add(new ValidationIssue("whatMatters", "say what matters to the person, in their words"));
        }
        if (lines == null || lines.isEmpty()) {
            problems.add(new ValidationIssue("lines", "a plan needs at least one line"));
        }
        for (int i = 0; lines != null && i < lines.size(); i++) {
            DraftLine line = lines.get(i);
            String where = "lines[" + (i + 1) + "]";
            if (line.category() == null || line.description() == null || line.payee() == null
                    || line.costKind() == null || line.management() == null) {
                problems.add(new ValidationIssue(where, "category, description, payee, costKind and management are"
                        + " all needed"));
            } else if (line.unitPence() <= 0) {
                problems.add(new ValidationIssue(where + ".unitPence", "must be more than 0"));
            } else if (line.cost().problem() != null) {
                problems.add(new ValidationIssue(where + ".units", line.cost().problem()));
            } else if (line.payDay() != null && line.costKind() == LineCost.Kind.ONE_OFF) {
                problems.add(new ValidationIssue(where + ".payDay", "a one-off is paid once: a pay day is for a weekly"
                        + " or hourly line"));
            } else {
                try {
                    if (line.annualPence() <= 0) {
                        problems.add(new ValidationIssue(where + ".units", "the yearly cost comes to nothing: give"
                                + " the hours a week or the number of one-off items"));
                    }
                } catch (ArithmeticException tooBig) {
                    problems.add(new ValidationIssue(where, "the yearly cost is too large"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
    }

    private static FundingProposer.Line cost(int number, DraftLine line, long pence) {
        return new FundingProposer.Line(number, line.category().toUpperCase(java.util.Locale.ROOT), pence,
                line.costKind() == LineCost.Kind.ONE_OFF,
                line.contributionId() == null ? null : line.contributionId().toString());
    }

    private FundingProposer.Proposal propose(Person person, List<FundingProposer.Line> costs) {
        List<FundingProposer.Pot> pots = new ArrayList<>();
        List<String> notNow = new ArrayList<>();
        LocalDate day = today.date();
        for (Contribution c : Contribution.<Contribution>list("person.id in ?1 and status = ?2 order by periodStart",
                org.joinedup.hub.cases.FamilyCase.budgetHolders(person.id), ContributionStatus.ACTIVE)) {
            // money that pays today: not a year gone by (its year end settles it), not money that has not started
            if (day.isBefore(c.periodStart) || day.isAfter(c.periodEnd)) {
                notNow.add(c.fundingBody.code + " " + c.sourceValue + " pays from " + c.periodStart + " to "
                        + c.periodEnd);
                continue;
            }
            // another member's money, when the family's budget is shared, only where its rules let it
            rules.of(c.agency).ifPresent(rule -> pots.add(new FundingProposer.Pot(c.id.toString(),
                    c.fundingBody.code, ledger.balances(c.id).available(), rule, !c.person.id.equals(person.id))));
        }
        FundingProposer.Proposal proposal = FundingProposer.propose(costs, pots);
        if (!proposal.fundable()) {
            List<ValidationIssue> problems = new ArrayList<>(proposal.problems());
            if (!notNow.isEmpty()) {
                problems.add(new ValidationIssue("lines", "not counted, as it does not pay on " + day + ": "
                        + String.join("; ", notNow)));
            }
            throw new InvalidMessageException(problems);
        }
        return proposal;
    }

    private static SupportPlan newVersion(Person person, String whatMatters, String goals, boolean risky,
            String by) {
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
        return plan;
    }

    private PlanLine proposedLine(SupportPlan plan, FundingProposer.Choice choice, DraftLine draft,
            PlanLine previous) {
        PlanLine line = new PlanLine();
        line.id = UUID.randomUUID();
        line.plan = plan;
        line.lineNumber = choice.line();
        line.category = draft.category().toUpperCase(java.util.Locale.ROOT);
        line.description = draft.description();
        line.payee = draft.payee();
        line.costKind = draft.costKind();
        line.unitPence = draft.unitPence();
        line.units = draft.cost().units();
        line.payDay = draft.payDay();
        line.annualPence = draft.cost(today.financialYear()).annualPence();
        line.management = draft.management();
        line.contribution = Contribution.findById(UUID.fromString(choice.contributionId()));
        // proposed lines are paid from money that pays today (see propose): this year's
        line.moneyYear = today.financialYear().startYear();
        line.fundingExplanation = draft.cost(today.financialYear()).explain()
                + (draft.payDay() == null ? "" : " (" + PlanLine.weeks(draft.payDay(), today.financialYear()) + " "
                        + draft.payDay().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + "s in "
                        + today.financialYear() + ")")
                + "; paid by " + choice.explanation();
        line.status = PlanLine.Status.PROPOSED;
        line.connectedPerson = draft.connectedPerson();
        line.exceptionAgreed = draft.exceptionAgreed();
        line.previousLine = previous;
        line.change = previous == null ? PlanLine.Change.NEW : PlanLine.Change.CHANGED;
        return line;
    }

    /** An approved line carried over unchanged: same approval, same commitment (nothing is posted). */
    private static PlanLine carriedLine(SupportPlan plan, int number, PlanLine old) {
        PlanLine line = new PlanLine();
        line.id = UUID.randomUUID();
        line.plan = plan;
        line.lineNumber = number;
        line.category = old.category;
        line.description = old.description;
        line.payee = old.payee;
        line.costKind = old.costKind;
        line.unitPence = old.unitPence;
        line.units = old.units;
        line.payDay = old.payDay;
        line.annualPence = old.annualPence;
        line.management = old.management;
        line.contribution = old.contribution;
        line.moneyYear = old.moneyYear;
        line.fundingExplanation = old.fundingExplanation;
        line.status = PlanLine.Status.APPROVED;
        line.connectedPerson = old.connectedPerson;
        line.exceptionAgreed = old.exceptionAgreed;
        line.decidedBy = old.decidedBy;
        line.decidedAt = old.decidedAt;
        line.decisionReason = old.decisionReason;
        line.previousLine = old;
        line.change = PlanLine.Change.UNCHANGED;
        return line;
    }

    private static SupportPlan saved(SupportPlan plan) {
        plan.persist();
        for (PlanLine line : plan.lines) {
            if (line.connectedPerson && line.change != PlanLine.Change.UNCHANGED) {
                org.joinedup.hub.alerts.PersonAlert.raise(new org.joinedup.hub.identity.SourceLink(plan.person,
                        line.contribution.sourceRecordId), line.contribution.agency, org.joinedup.hub.alerts.AlertKind.CONNECTED_PERSON_PAYEE,
                        line.id.toString(), "plan " + plan.version + " line " + line.lineNumber + " pays "
                                + line.payee + ", a connected person" + (line.exceptionAgreed ? " (exception agreed)"
                                        : ""), null);
            }
        }
        return plan;
    }

    /**
     * The funding body of a line's contribution (or the approver its rules name) approves it (the yearly cost is
     * committed in the ledger) or refuses it with written reasons. Only that body decides; a decided line is not
     * decided again.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public PlanLine decide(UUID planId, int lineNumber, boolean approve, String reason, String by, String byAgency) {
        // the line is locked before its money (as payments and revisions do), and two decisions go one at a time
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new InvalidMessageException("line",
                        "plan " + planId + " has no line " + lineNumber));
        FundingRule rule = rules.of(line.contribution.agency).orElseThrow();
        Optional<String> notTheApprover = approvalRefusal(line, byAgency);
        if (notTheApprover.isPresent()) {
            throw new NotPermittedException("line " + lineNumber + ": " + notTheApprover.get());
        }
        refuseIfSuperseded(line.plan);
        if (line.status != PlanLine.Status.PROPOSED) {
            throw new LedgerRefusal("line " + lineNumber + " was already " + line.status.name().toLowerCase()
                    + " by " + line.decidedBy);
        }
        if (approve && line.plan.risky && !"AGREED".equals(line.plan.panelDecision)) {
            throw new LedgerRefusal("plan " + line.plan.version + " is flagged as risky: the risk enablement panel "
                    + (line.plan.panelDecision == null ? "has not decided yet" : "did not agree: "
                            + line.plan.panelReasons));
        }
        if (approve && line.connectedPerson && !line.exceptionAgreed && rule.connectedPersonNeedsException()) {
            throw new LedgerRefusal("line " + lineNumber + " pays a connected person: " + rule.name()
                    + " money needs an agreed exception for that");
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw new InvalidMessageException("reason", "a refusal needs written reasons");
        }
        if (approve) {
            long paidBefore = line.paidPence(); // with the lines it replaces, less any refunds
            ledger.commit(line.contribution.id, line.annualPence - paidBefore, line.category, line.id.toString(),
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
     * Why {@code organisation} may not decide this line (or agree its exception), naming who may; empty when it may:
     * the line's funding body, or the approver its money's rules name ({@link FundingRule#approvers}).
     */
    @Transactional
    public Optional<String> approvalRefusal(UUID planId, int lineNumber, String organisation) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .firstResultOptional().orElseThrow(() -> new InvalidMessageException("line", "plan " + planId
                        + " has no line " + lineNumber));
        return approvalRefusal(line, organisation);
    }

    /** As {@link #approvalRefusal(UUID, int, String)}, for a line at hand. */
    public Optional<String> approvalRefusal(PlanLine line, String organisation) {
        return rules.of(line.contribution.agency).orElseThrow().approvalRefusal(organisation,
                line.contribution.fundingBody.code, fundersOf(line));
    }

    /** The bodies funding the plan's own person now (ACTIVE contributions), by kind. */
    private static Map<AgencyKind, Set<String>> fundersOf(PlanLine line) {
        Map<AgencyKind, Set<String>> funders = new java.util.EnumMap<>(AgencyKind.class);
        for (Contribution c : Contribution.<Contribution>list("person = ?1 and status = ?2", line.plan.person,
                ContributionStatus.ACTIVE)) {
            funders.computeIfAbsent(c.agency, kind -> new java.util.TreeSet<>()).add(c.fundingBody.code);
        }
        return funders;
    }

    /**
     * A funder withdrew money that approved lines were committed to: each line's remaining commitment is released
     * (and goes back to the funder), then committed to another of the person's contributions allowed to pay for the
     * line that has enough available (restricted money first), or the line waits for re-planning with an alert.
     */
    void onWithdrawn(@jakarta.enterprise.event.Observes ContributionWithdrawn withdrawal) {
        Contribution withdrawn = withdrawal.contribution();
        for (PlanLine line : PlanLine.<PlanLine>list("contribution = ?1 and status = ?2 and plan.supersededBy is"
                + " null", withdrawn, PlanLine.Status.APPROVED)) {
            long remaining = line.annualPence - line.paidPence();
            if (remaining <= 0) {
                continue;
            }
            PooledBudgetLedger.Cause cause = new PooledBudgetLedger.Cause(withdrawal.caller(), "contribution "
                    + withdrawn.sourceValue + " withdrawn: plan line " + line.lineNumber + " released",
                    withdrawal.messageId());
            ledger.release(withdrawn.id, remaining, line.category, true, line.id + ":" + withdrawn.id, cause);
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
                    withdrawn.sourceRecordId), withdrawn.agency, other != null ? org.joinedup.hub.alerts.AlertKind.COMMITMENT_MOVED
                            : org.joinedup.hub.alerts.AlertKind.REPLAN_NEEDED,
                    line.id.toString(), withdrawn.fundingBody.code + " withdrew contribution " + withdrawn.sourceValue
                            + "; plan line " + line.lineNumber + " (" + line.description + ", "
                            + new org.joinedup.model.Pence(remaining) + " still to pay) " + detail,
                    withdrawal.messageId());
        }
    }

    private Contribution takeOver(PlanLine line, Contribution withdrawn, long pence) {
        return Contribution.<Contribution>list("person.id in ?1 and status = ?2 and id <> ?3",
                org.joinedup.hub.cases.FamilyCase.budgetHolders(line.plan.person.id), ContributionStatus.ACTIVE,
                withdrawn.id).stream()
                .filter(c -> line.moneyYear().equals(line.moneyYear().within(org.joinedup.model.FinancialYear.of(
                        c.periodStart), org.joinedup.model.FinancialYear.of(c.periodEnd)))) // money for its year
                .filter(c -> rules.of(c.agency).map(r -> r.refusal(line.category, line.costKind == LineCost.Kind.ONE_OFF,
                        !c.person.id.equals(line.plan.person.id)).isEmpty()).orElse(false))
                .filter(c -> ledger.balances(c.id).available() >= pence)
                .min(java.util.Comparator.comparingInt(c -> rules.of(c.agency).orElseThrow().categories().size()))
                .orElse(null);
    }

    /**
     * An exception agreed for a line that pays a connected person (the risk enablement panel's or the line's funder's
     * decision, with reasons); the funder may then approve it.
     */
    @Transactional
    public PlanLine agreeException(UUID planId, int lineNumber, String reason, String by) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new InvalidMessageException("line", "plan " + planId + " has no line "
                        + lineNumber));
        refuseIfSuperseded(line.plan);
        if (!line.connectedPerson) {
            throw new LedgerRefusal("line " + lineNumber + " does not pay a connected person: no exception is needed");
        }
        if (line.status != PlanLine.Status.PROPOSED) {
            throw new LedgerRefusal("line " + lineNumber + " was already " + line.status.name().toLowerCase());
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidMessageException("reason", "an exception needs its reasons");
        }
        line.exceptionAgreed = true;
        line.decisionReason = "exception agreed by " + by + ": " + reason;
        return line;
    }

    /** The risk enablement panel's decision on a risky plan, with its reasons. */
    @Transactional
    public SupportPlan panel(UUID planId, boolean agreed, String reasons, String by) {
        SupportPlan plan = SupportPlan.findById(planId);
        if (plan == null) {
            throw new InvalidMessageException("plan", "no plan " + planId);
        }
        refuseIfSuperseded(plan);
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
        // the person's row is locked first: the same form sent twice at once waits here, then finds the first
        Contribution.getEntityManager().find(org.joinedup.hub.people.Person.class, personId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        List<?> known = OneOff.find(personId, reference);
        if (!known.isEmpty()) {
            return UUID.fromString(known.get(0).toString());
        }
        checkAmountAndReference(pence, reference);
        // the limit is per person per financial year (April to March), not per payment: small payments add up. The
        // payment is in this financial year (not dated into another to start afresh), and the person's row is
        // locked (above) while the year's payments are added up, so two at once cannot together pass the limit.
        LocalDate yearStart = today.financialYear().start();
        if (paidOn.isBefore(yearStart) || !paidOn.isBefore(yearStart.plusYears(1))) {
            throw new InvalidMessageException("paidOn", "a one-off payment before a plan is made in this financial"
                    + " year (" + yearStart + " to " + yearStart.plusYears(1).minusDays(1) + "), not on " + paidOn);
        }
        long before = OneOff.paidIn(personId, yearStart, yearStart.plusYears(1));
        if (before + pence > limitPence) {
            throw new LedgerRefusal("one-off payments before a plan is approved come to at most "
                    + new org.joinedup.model.Pence(limitPence) + " a person a financial year; "
                    + new org.joinedup.model.Pence(before) + " was paid since " + yearStart + ", so not "
                    + new org.joinedup.model.Pence(pence) + " more");
        }
        Contribution contribution = Contribution.findById(contributionId);
        if (contribution == null || !contribution.person.id.equals(personId)) {
            throw new InvalidMessageException("contributionId", "not a contribution of person " + personId);
        }
        if (paidOn.isBefore(contribution.periodStart) || paidOn.isAfter(contribution.periodEnd)
                || contribution.status != ContributionStatus.ACTIVE) {
            throw new LedgerRefusal(contribution.fundingBody.code + " contribution " + contribution.sourceValue
                    + " pays from " + contribution.periodStart + " to " + contribution.periodEnd + " while active"
                    + " (it is " + contribution.status.name().toLowerCase() + "), not on " + paidOn);
        }
        PooledBudgetLedger.Posted posted = ledger.pay(contributionId, pence, category, false,
                "one-off:" + personId + ":" + reference, new PooledBudgetLedger.Cause(by, "one-off payment "
                        + reference + " to " + payee + " before a plan", null).on(paidOn));
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

        static long paidIn(UUID personId, LocalDate from, LocalDate until) {
            return org.joinedup.model.Pence.exactly((Number) Contribution.getEntityManager().createNativeQuery(
                    "select coalesce(sum(amount_pence), 0) from one_off_payment where person_id = ?1 and paid_on >= ?2"
                    + " and paid_on < ?3").setParameter(1, personId).setParameter(2, from).setParameter(3, until)
                    .getSingleResult());
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
     * A payment against an approved line, drawn from its commitment: a payment run of one ({@link PaymentRun}, the one
     * way money is paid from a plan), so a single payment is checked and written exactly as a run's. Once per
     * reference; refused with the reason (and an alert on the case) otherwise.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public PlanPayment pay(UUID planId, int lineNumber, String reference, long pence, LocalDate paidOn, String by) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .firstResultOptional().orElseThrow(() -> new InvalidMessageException("line", "plan " + planId
                        + " has no line " + lineNumber));
        checkAmountAndReference(pence, reference);
        if (paidOn == null) {
            throw new InvalidMessageException("paidOn", "give the day the payment was made");
        }
        PaymentRun.Result result = paymentRun.pay(List.of(new PaymentRun.Order(planId, lineNumber, reference, pence,
                paidOn)), by, (person, plan, number, funder) -> null).get(0);
        if ("REFUSED".equals(result.status())) {
            throw new LedgerRefusal(result.reason());
        }
        return line.payment(reference);
    }

    /**
     * (Part of) a payment on a line comes back (an overpayment returned, unspent direct payment money): named by the
     * payment's reference, never more than what is left of it; recorded on the current plan's line. It goes back to
     * the line's commitment while the line is approved (it may be paid again), else to what is available, and on to
     * the funder when that money was withdrawn. A payment made from money that no longer pays the line is refused:
     * that funder records it. Once per line and reference.
     */
    @Transactional(dontRollbackOn = LedgerRefusal.class)
    public PlanPayment refund(UUID planId, int lineNumber, String reference, String paymentReference, long pence,
            LocalDate receivedOn, String reason, String by) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new InvalidMessageException("line", "plan " + planId + " has no line "
                        + lineNumber));
        PlanPayment known = line.earlier("REFUND", reference);
        if (known != null) {
            return known;
        }
        refuseIfSuperseded(line.plan);
        List<ValidationIssue> problems = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            problems.add(new ValidationIssue("reason", "say why the money came back"));
        }
        if (pence <= 0 || reference.length() > 100) {
            problems.add(new ValidationIssue("amountPence", "more than 0, with a reference of at most 100"
                    + " characters"));
        }
        PlanPayment payment = paymentReference == null ? null : line.earlier("PAYMENT", paymentReference);
        if (payment == null) {
            problems.add(new ValidationIssue("paymentReference", "line " + lineNumber + " has no payment "
                    + paymentReference));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        long refundedBefore = -PlanPayment.<PlanPayment>list("refundOf", payment).stream()
                .mapToLong(r -> r.amountPence).reduce(0L, Math::addExact);
        if (pence > payment.amountPence - refundedBefore) {
            throw new LedgerRefusal("payment " + paymentReference + " was " + new org.joinedup.model.Pence(
                    payment.amountPence) + " and " + new org.joinedup.model.Pence(refundedBefore)
                    + " of it has come back already; " + new org.joinedup.model.Pence(pence) + " cannot");
        }
        if (payment.moneyYear != line.moneyYear) {
            throw new LedgerRefusal("payment " + paymentReference + " was paid from " + new org.joinedup.model
                    .FinancialYear(payment.moneyYear) + " money, which year end settled; its funder records the"
                    + " refund");
        }
        UUID paidFrom = (UUID) PlanPayment.getEntityManager().createNativeQuery("select contribution_id from"
                + " ledger_entry where posting_id = ?1 and account = 'PAID'").setParameter(1, payment.postingId)
                .getSingleResult();
        if (!paidFrom.equals(line.contribution.id)) {
            throw new LedgerRefusal("payment " + paymentReference + " was made from other money than now pays line "
                    + lineNumber + " (" + line.contribution.fundingBody.code + "); that funder records its refund");
        }
        boolean toCommitment = line.status == PlanLine.Status.APPROVED;
        boolean backToFunder = !toCommitment && line.contribution.status == ContributionStatus.WITHDRAWN;
        PooledBudgetLedger.Posted posted = ledger.refund(line.contribution.id, pence, line.category, toCommitment,
                backToFunder, "line:" + line.id + ":" + reference, new PooledBudgetLedger.Cause(by, "refund "
                        + reference + " of payment " + paymentReference + " from " + line.payee + " on plan line "
                        + lineNumber + " (" + line.description + "): " + reason, null).on(receivedOn));
        PlanPayment refund = new PlanPayment();
        refund.id = UUID.randomUUID();
        refund.line = line;
        refund.kind = "REFUND";
        refund.refundOf = payment;
        refund.reference = reference;
        refund.amountPence = -pence;
        refund.paidOn = receivedOn;
        refund.moneyYear = payment.moneyYear; // it gives back what that year paid
        refund.postingId = posted.postingId();
        refund.paidBy = by;
        refund.reason = reason;
        refund.persist();
        return refund;
    }

    /** A payment's amount is more than 0 and its reference fits (at most 100 characters). */
    static void checkAmountAndReference(long pence, String reference) {
        List<ValidationIssue> problems = new ArrayList<>();
        if (pence <= 0) {
            problems.add(new ValidationIssue("amountPence", "must be more than 0"));
        }
        if (reference == null || reference.isBlank() || reference.length() > 100) {
            problems.add(new ValidationIssue("reference", "give a reference of at most 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
    }

    /**
     * Two people with a plan each were found to be one: the merged person's current plan is closed, replaced by the
     * survivor's (a person has one current plan). What its approved lines still hold of this year's commitment goes
     * back to the money it came from, as a revision's dropped lines do, and the survivor's case gets a
     * {@code REPLAN_NEEDED} alert: the closed plan's lines are for the coordinator to carry into the current one,
     * where each funder decides again. Nothing more is paid or decided on the closed plan.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeOnMerge(UUID mergedPlanId, UUID survivorPlanId, Person survivor, String by, String why) {
        SupportPlan closed = SupportPlan.findById(mergedPlanId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        SupportPlan current = SupportPlan.findById(survivorPlanId);
        PlanLine.lockLinesOf(List.of(mergedPlanId));
        PooledBudgetLedger.Cause cause = new PooledBudgetLedger.Cause(by, why + ": plan version " + closed.version
                + " closed, replaced by the survivor's plan version " + current.version, null);
        long released = 0;
        PlanLine first = null;
        for (PlanLine line : closed.lines) {
            first = first == null ? line : first;
            org.joinedup.hub.alerts.PersonAlert.close(closed.person, org.joinedup.hub.alerts.AlertKind.OVERSPEND,
                    line.id.toString());
            org.joinedup.hub.alerts.PersonAlert.close(closed.person, org.joinedup.hub.alerts.AlertKind.UNDERSPEND,
                    line.id.toString());
            long remaining = line.annualPence - line.paidPence();
            if (line.status == PlanLine.Status.APPROVED && remaining > 0) {
                ledger.release(line.contribution.id, remaining, line.category, false,
                        "merge:" + closed.id + ":" + line.id, cause);
                released += remaining;
            }
        }
        closed.supersededBy = current;
        if (first != null) {
            org.joinedup.hub.alerts.PersonAlert.raise(new org.joinedup.hub.identity.SourceLink(survivor,
                    first.contribution.sourceRecordId), first.contribution.agency,
                    org.joinedup.hub.alerts.AlertKind.REPLAN_NEEDED, "merge:" + closed.id, why + ": the merged"
                            + " record's plan (version " + closed.version + ", " + closed.lines.size() + " lines) was"
                            + " closed and " + new org.joinedup.model.Pence(released) + " of its commitments released;"
                            + " carry what is still needed into plan version " + current.version, null);
        }
    }

    private static void refuseIfSuperseded(SupportPlan plan) {
        if (plan.supersededBy != null) {
            throw new LedgerRefusal("plan version " + plan.version + " was replaced by version "
                    + plan.supersededBy.version + " (" + plan.supersededBy.id + "): use the current plan");
        }
    }
}
