package org.joinedup.hub.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.PaymentArrangements;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.model.access.Category;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;

import org.joinedup.model.NotPermittedException;

import org.joinedup.model.ledger.LedgerRefusal;

/**
 * Support plans over HTTP: {@code POST /api/plans} (a coordinator drafts a plan; the hub proposes who pays each
 * line, or refuses the plan line by line), {@code GET /api/plans/{id}}, {@code POST /api/plans/{id}/lines/{n}/approve}
 * and {@code /refuse} (the funding body of the line's money), {@code POST /api/plans/{id}/lines/{n}/payments},
 * {@code POST /api/plans/{id}/revisions} (a new version that re-approves only what changed).
 */
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

    @Inject
    org.joinedup.hub.platform.Today today;

    @Inject
    PlanBook plans;

    @Inject
    Caller caller;

    @Inject
    SpendCheck spending;

    @Inject
    PaymentRun paymentRun;

    @Inject
    org.joinedup.hub.platform.HubConfig config;

    @Inject
    Access access;

    @Inject
    PaymentArrangements payers;

    public record DraftRequest(UUID personId, String whatMatters, String goals, boolean risky,
            List<PlanBook.DraftLine> lines) {
    }

    public record PanelRequest(boolean agreed, String reasons) {
    }

    public record OneOffRequest(UUID personId, UUID contributionId, String reference, String category, String payee,
            long amountPence, LocalDate paidOn) {
    }

    public record Decision(String reason) {
    }

    public record PaymentRequest(String reference, long amountPence, LocalDate paidOn) {
    }

    public record PlanView(String id, String personId, int version, String whatMatters, String goals,
            String createdBy, Instant createdAt, long annualPence, boolean risky, String panelDecision,
            String panelReasons, String supersededBy, List<LineView> lines, List<RemovedLine> removedLines) {
    }

    /**
     * A line; in a revision, {@code change} says whether it is NEW, CHANGED (decided again) or UNCHANGED (kept its
     * approval), and {@code replacesLine} which line of the previous version it replaces. {@code paidPence} counts
     * what the lines it replaces paid this year too; {@code moneyYear} is the financial year the line's money is for,
     * and {@code yearEnds} what each year end did to it (or to the lines it replaces).
     */
    public record LineView(int number, String category, String description, String payee, String costKind,
            long unitPence, java.math.BigDecimal units, long annualPence, String management, String contributionId,
            String agency, String fundingBodyCode, String fundingExplanation, String status, String decidedBy, Instant decidedAt,
            String decisionReason, long paidPence, boolean connectedPerson, boolean exceptionAgreed, String change,
            Integer replacesLine, String moneyYear, List<PlanLine.YearEnd> yearEnds, String payDay) {
    }

    /** A line of the previous version that a revision dropped (its commitment was released). */
    public record RemovedLine(int number, String category, String description, String payee, long annualPence) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response draft(DraftRequest request) {
        if (request == null || request.personId() == null) {
            return problem(400, "give personId, whatMatters, goals and lines");
        }
        access.write(request.personId(), "SupportPlan?person=" + request.personId());
        refuseExceptionsInDraft(request);
        try {
            SupportPlan plan = plans.draft(request.personId(), request.whatMatters(), request.goals(),
                    request.lines(), request.risky(), caller.name());
            return Response.status(201).entity(view(plan.id)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return org.joinedup.hub.platform.ApiProblems.problems(422, "REFUSED", invalid);
        }
    }

    /**
     * {@code POST /api/plans/{id}/revisions}: the coordinator revises the current plan (the same body as a draft;
     * a line may say {@code replaces}: the number of the line it replaces). 201 with the new version; 409 when the
     * plan was already revised; 422 line by line when the revision cannot be funded (nothing changes then).
     */
    @POST
    @Path("/{id}/revisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response revise(@PathParam("id") UUID id, DraftRequest request) {
        if (request == null) {
            return problem(400, "give whatMatters, goals and lines");
        }
        access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/revisions", "no plan " + id);
        refuseExceptionsInDraft(request);
        try {
            SupportPlan plan = plans.revise(id, request.whatMatters(), request.goals(), request.lines(),
                    request.risky(), caller.name());
            return Response.status(201).entity(view(plan.id)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return org.joinedup.hub.platform.ApiProblems.problems(422, "REFUSED", invalid);
        }
    }

    /** A move of a line to another provider, after the notice the person gave the old one. */
    public record SwitchRequest(String provider, Boolean connectedPerson, LocalDate noticeGivenOn) {
    }

    /**
     * {@code POST /api/plans/{id}/lines/{line}/switch}: the person moves a line to another provider once their
     * notice has run; a revision in which the line keeps its money and approval where only the provider changed
     * (change {@code PROVIDER_SWITCHED}), otherwise goes back to its funder. 201 with the new version; 409 when the
     * plan was already revised; 422 naming the field (the notice not yet run, the same provider).
     */
    @POST
    @Path("/{id}/lines/{line}/switch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response switchProvider(@PathParam("id") UUID id, @PathParam("line") int number, SwitchRequest request) {
        access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/lines/" + number + "/switch",
                "no plan " + id);
        if (request == null) {
            return problem(400, "give provider and noticeGivenOn");
        }
        try {
            SupportPlan plan = plans.switchProvider(id, number, request.provider(), request.connectedPerson(),
                    request.noticeGivenOn(), caller.name());
            return Response.status(201).entity(view(plan.id)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return org.joinedup.hub.platform.ApiProblems.problems(422, "REFUSED", invalid);
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    public Response plan(@PathParam("id") UUID id) {
        PersonAccess seen = access.through(personOf(id), Access.Action.READ, "SupportPlan/" + id, "no plan " + id);
        return Response.ok(view(id, seen)).build();
    }

    /** A payment or refund on a line of the plan (or on a line it replaces). */
    public record PaymentView(int line, String kind, String reference, long amountPence, LocalDate paidOn,
            String paidBy, String reason) {
    }

    /**
     * {@code GET /api/plans/{id}/payments}: the payments and refunds on the plan's lines, newest first (a line
     * carried over from an earlier version shows what was paid on it there too); only on lines the caller may see.
     */
    @GET
    @Path("/{id}/payments")
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    @Transactional
    public List<PaymentView> payments(@PathParam("id") UUID id) {
        PersonAccess seen = access.through(personOf(id), Access.Action.READ, "SupportPlan/" + id + "/payments",
                "no plan " + id);
        java.util.Set<Integer> shown = view(id, seen).lines().stream().map(LineView::number)
                .collect(java.util.stream.Collectors.toSet());
        List<PaymentView> found = new java.util.ArrayList<>();
        for (PlanLine line : SupportPlan.<SupportPlan>findById(id).lines) {
            if (!shown.contains(line.lineNumber)) {
                continue;
            }
            for (PlanLine on = line; on != null; on = on.previousLine) {
                for (PlanPayment p : PlanPayment.<PlanPayment>list("line", on)) {
                    found.add(new PaymentView(line.lineNumber, p.kind, p.reference, p.amountPence, p.paidOn,
                            p.paidBy, p.reason));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(PaymentView::paidOn).reversed());
        return found;
    }

    @POST
    @Path("/{id}/lines/{line}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
    public Response approve(@PathParam("id") UUID id, @PathParam("line") int line, Decision decision) {
        return decide(id, line, true, decision);
    }

    @POST
    @Path("/{id}/lines/{line}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
    public Response refuse(@PathParam("id") UUID id, @PathParam("line") int line, Decision decision) {
        return decide(id, line, false, decision);
    }

    private Response decide(UUID id, int line, boolean approve, Decision decision) {
        PersonAccess seen = access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/lines/" + line
                + (approve ? "/approve" : "/refuse"), "no plan " + id);
        try {
            plans.decide(id, line, approve, decision == null ? null : decision.reason(), caller.name(),
                    caller.agency());
            return Response.ok(view(id, seen)).build();
        } catch (NotPermittedException forbidden) {
            return problem(403, forbidden.getMessage());
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return problem(422, invalid.getMessage());
        }
    }

    @POST
    @Path("/{id}/lines/{line}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.FINANCE, Caller.TRUST, Caller.FUNDER })
    public Response pay(@PathParam("id") UUID id, @PathParam("line") int line, PaymentRequest request) {
        if (request == null || request.reference() == null || request.paidOn() == null) {
            return problem(400, "give reference, amountPence and paidOn");
        }
        access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/lines/" + line + "/payments",
                "no plan " + id);
        payers.requireMayPay(funderOf(id, line));
        try {
            PlanPayment payment = plans.pay(id, line, request.reference(), request.amountPence(), request.paidOn(),
                    caller.name());
            return Response.ok(Map.of("status", "PAID", "reference", payment.reference, "amountPence",
                    payment.amountPence, "postingId", payment.postingId)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return problem(422, invalid.getMessage());
        }
    }

    public record RefundRequest(String reference, String paymentReference, long amountPence, LocalDate receivedOn,
            String reason) {
    }

    /**
     * {@code POST /api/plans/{id}/lines/{n}/refunds}: (part of) a payment on the line came back (reference,
     * paymentReference, amountPence, receivedOn, reason); see {@link PlanBook#refund}.
     */
    @POST
    @Path("/{id}/lines/{line}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.FINANCE, Caller.TRUST, Caller.FUNDER })
    public Response refund(@PathParam("id") UUID id, @PathParam("line") int line, RefundRequest request) {
        if (request == null || request.reference() == null || request.receivedOn() == null) {
            return problem(400, "give reference, paymentReference, amountPence, receivedOn and reason");
        }
        access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/lines/" + line + "/refunds",
                "no plan " + id);
        payers.requireMayPay(funderOf(id, line));
        try {
            PlanPayment refund = plans.refund(id, line, request.reference(), request.paymentReference(),
                    request.amountPence(), request.receivedOn(), request.reason(), caller.name());
            return Response.ok(Map.of("status", "REFUNDED", "reference", refund.reference, "amountPence",
                    -refund.amountPence, "postingId", refund.postingId)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return problem(422, invalid.getMessage());
        }
    }

    /** {@code POST /api/plans/{id}/panel}: the risk enablement panel's decision on a risky plan, with reasons. */
    @POST
    @Path("/{id}/panel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PANEL)
    public Response panel(@PathParam("id") UUID id, PanelRequest request) {
        PersonAccess seen = access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/panel",
                "no plan " + id);
        notThePlansOwnCoordinator(id, "the risk enablement panel's decision");
        try {
            plans.panel(id, request != null && request.agreed(), request == null ? null : request.reasons(),
                    caller.name());
            return Response.ok(view(id, seen)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return problem(422, invalid.getMessage());
        }
    }

    /**
     * {@code POST /api/plans/one-off-payments}: a small payment before a plan is approved, from a contribution whose
     * rules allow it, up to {@code hub.plans.one-off-limit-pence}.
     */
    @POST
    @Path("/one-off-payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response oneOff(OneOffRequest r) {
        if (r == null || r.personId() == null || r.contributionId() == null || r.reference() == null
                || r.category() == null || r.payee() == null || r.paidOn() == null) {
            return problem(400, "give personId, contributionId, reference, category, payee, amountPence, paidOn");
        }
        access.write(r.personId(), "OneOffPayment?person=" + r.personId());
        try {
            UUID id = plans.oneOff(r.personId(), r.contributionId(), r.reference(), r.category(), r.payee(),
                    r.amountPence(), r.paidOn(), config.plans().oneOffLimitPence(), caller.name());
            return Response.ok(Map.of("status", "PAID", "id", id.toString())).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        } catch (InvalidMessageException invalid) {
            return problem(422, invalid.getMessage());
        }
    }

    public record PaymentRunRequest(List<PaymentRun.Order> payments) {
    }

    public record PaymentRunView(int paid, int repeats, int refused, List<PaymentRun.Result> results) {
    }

    /**
     * {@code POST /api/plans/payment-runs}: a finance system's run of payments against approved plan lines
     * ({@code payments}: {@code planId}, {@code line}, {@code reference}, {@code amountPence}, {@code paidOn}; up to
     * {@value PaymentRun#MAX_PAYMENTS}). Each payment is paid or refused on its own: 200 with each one's result.
     */
    @POST
    @Path("/payment-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.FINANCE, Caller.TRUST, Caller.FUNDER })
    public Response paymentRun(PaymentRunRequest request) {
        List<UUID> planIds = request == null || request.payments() == null ? List.of() : request.payments().stream()
                .map(PaymentRun.Order::planId).filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Set<UUID> known = access.writeAll(peopleOf(planIds), "PaymentRun (" + planIds.size() + " plans)")
                .stream().map(PersonAccess::personId).collect(java.util.stream.Collectors.toSet());
        try {
            List<PaymentRun.Result> results = paymentRun.pay(request == null ? null : request.payments(),
                    caller.name(), (person, plan, line, funder) -> !known.contains(person)
                            ? "no plan " + plan + " with a line " + line
                            : payers.refusal(funder).orElse(null));
            return Response.ok(new PaymentRunView(count(results, "PAID"), count(results, "REPEAT"),
                    count(results, "REFUSED"), results)).build();
        } catch (InvalidMessageException invalid) {
            return org.joinedup.hub.platform.ApiProblems.problems(422, "REFUSED", invalid);
        }
    }

    private static int count(List<PaymentRun.Result> results, String status) {
        return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }

    /**
     * {@code POST /api/plans/spend-check} (operator; {@code {"asOf": "2027-02-01"}}, today when not given): compares
     * spending with every plan and raises or closes OVERSPEND / UNDERSPEND alerts; see {@link SpendCheck}.
     */
    @POST
    @Path("/spend-check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    public SpendCheck.Checked spendCheck(Map<String, String> request) {
        access.operation(Access.Action.WRITE, "SpendCheck");
        String asOf = request == null ? null : request.get("asOf");
        return spending.run(asOf == null ? today.date() : LocalDate.parse(asOf));
    }

    /** A connected-person exception is the panel's or the funder's to agree, never the drafting coordinator's. */
    private static void refuseExceptionsInDraft(DraftRequest request) {
        if (request.lines() == null) {
            return;
        }
        List<org.joinedup.model.ValidationIssue> issues = new java.util.ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (request.lines().get(i) != null && request.lines().get(i).exceptionAgreed()) {
                issues.add(new org.joinedup.model.ValidationIssue("lines[" + i + "].exceptionAgreed", "an exception"
                        + " for a connected person is agreed by the risk enablement panel or the line's funder"
                        + " (POST /api/plans/{id}/lines/{n}/exception), not in the coordinator's draft"));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
    }

    /**
     * {@code POST /api/plans/{id}/lines/{n}/exception} ({@code {"reason": "..."}}): the risk enablement panel, or the
     * body whose money pays the line, agrees an exception for a line paying a connected person.
     */
    @POST
    @Path("/{id}/lines/{line}/exception")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.PANEL, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
    public Response exception(@PathParam("id") UUID id, @PathParam("line") int line, Decision decision) {
        PersonAccess seen = access.through(personOf(id), Access.Action.WRITE, "SupportPlan/" + id + "/lines/" + line + "/exception",
                "no plan " + id);
        notThePlansOwnCoordinator(id, "a connected-person exception");
        if (!caller.hasRole(Caller.PANEL)) {
            plans.approvalRefusal(id, line, caller.agency()).ifPresent(notTheApprover -> {
                throw new AccessRefusedException("line " + line + ": its exception is agreed by the risk enablement"
                        + " panel or by the body that decides the line: " + notTheApprover);
            });
        }
        try {
            plans.agreeException(id, line, decision == null ? null : decision.reason(), caller.name());
            return Response.ok(view(id, seen)).build();
        } catch (LedgerRefusal refused) {
            return problem(409, refused.getMessage());
        }
    }

    /** The funding body whose money pays a line. */
    @Transactional
    String funderOf(UUID planId, int lineNumber) {
        PlanLine line = PlanLine.<PlanLine>find("plan.id = ?1 and lineNumber = ?2", planId, lineNumber)
                .firstResult();
        if (line == null) {
            throw new InvalidMessageException("line", "plan " + planId + " has no line " + lineNumber);
        }
        return line.contribution.fundingBody.code;
    }

    /** Decisions about a plan are never its own coordinator's. */
    @Transactional
    void notThePlansOwnCoordinator(UUID planId, String what) {
        SupportPlan plan = SupportPlan.findById(planId);
        org.joinedup.hub.cases.CaseMember member = org.joinedup.hub.cases.CaseMember.findById(plan.person.id);
        org.joinedup.hub.cases.FamilyCase familyCase = member == null ? null
                : org.joinedup.hub.cases.FamilyCase.findById(member.caseId);
        if (plan.createdBy.equals(caller.name())
                || (familyCase != null && familyCase.coordinator.equals(caller.name()))) {
            throw new AccessRefusedException(what + " is not recorded by the plan's own"
                    + " coordinator (" + plan.createdBy + ")");
        }
    }

    /** The person a plan is for; a plan that does not exist is answered like a person the caller may not see. */
    @Transactional
    UUID personOf(UUID planId) {
        return SupportPlan.personOf(planId);
    }

    @Transactional
    List<UUID> peopleOf(List<UUID> planIds) {
        return planIds.isEmpty() ? List.of() : SupportPlan.<SupportPlan>list("id in ?1", planIds).stream()
                .map(p -> p.person.id).distinct().toList();
    }

    /** The plan as this caller may see it: the plan if shared with them, else only the lines their money pays for. */
    @Transactional
    PlanView view(UUID id, PersonAccess seen) {
        PlanView whole = view(id);
        if (seen.sees(Category.PLAN)) {
            return whole;
        }
        List<LineView> own = whole.lines().stream()
                .filter(l -> seen.sees(Category.PLAN, l.fundingBodyCode())).toList();
        return new PlanView(whole.id(), whole.personId(), whole.version(), null, null, whole.createdBy(),
                whole.createdAt(), own.stream().mapToLong(LineView::annualPence).reduce(0L, Math::addExact), whole.risky(),
                whole.panelDecision(), null, whole.supersededBy(), own, List.of());
    }

    @Transactional
    PlanView view(UUID id) {
        SupportPlan plan = SupportPlan.findById(id);
        if (plan == null) {
            return null;
        }
        List<LineView> lines = plan.lines.stream().map(l -> new LineView(l.lineNumber, l.category, l.description,
                l.payee, l.costKind.name(), l.unitPence, new java.math.BigDecimal(l.units.stripTrailingZeros().toPlainString()),
                l.annualPence, l.management,
                l.contribution.id.toString(), l.contribution.agency.name(), l.contribution.fundingBody.code,
                l.fundingExplanation, l.status.name(), l.decidedBy, l.decidedAt, l.decisionReason,
                l.paidPence(), l.connectedPerson, l.exceptionAgreed, l.change.name(),
                l.previousLine == null ? null : l.previousLine.lineNumber, l.moneyYear().toString(),
                l.yearEnds(), l.payDay == null ? null : l.payDay.name())).toList();
        // the version its own person revised into this one (not a plan a merge closed in its favour)
        SupportPlan previous = SupportPlan.<SupportPlan>find("supersededBy = ?1 and person = ?2 and closedByMerge is"
                + " null", plan, plan.person).firstResult();
        List<RemovedLine> removed = previous == null ? List.of() : previous.lines.stream()
                .filter(old -> plan.lines.stream().noneMatch(l -> l.previousLine == old))
                .map(old -> new RemovedLine(old.lineNumber, old.category, old.description, old.payee,
                        old.annualPence)).toList();
        return new PlanView(plan.id.toString(), plan.person.id.toString(), plan.version, plan.whatMatters, plan.goals,
                plan.createdBy, plan.createdAt, lines.stream().mapToLong(LineView::annualPence).reduce(0L, Math::addExact), plan.risky,
                plan.panelDecision, plan.panelReasons, plan.supersededBy == null ? null
                        : plan.supersededBy.id.toString(), lines, removed);
    }

    private static Response problem(int status, String message) {
        return org.joinedup.hub.platform.ApiProblems.error(status, message);
    }
}
