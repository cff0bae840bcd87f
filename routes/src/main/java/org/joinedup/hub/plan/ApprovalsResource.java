package org.joinedup.hub.plan;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.Category;

/**
 * A funder's side of support plans: the lines of current plans its money would pay for that wait for its decision,
 * and what its money bought. Deciding a line is {@code POST /api/plans/{id}/lines/{n}/approve} or {@code /refuse}.
 */
@Path("/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {

    @Inject
    Access access;

    @Inject
    Caller caller;

    @Inject
    PlansResource plans;

    @Inject
    PlanBook planBook;

    @Inject
    org.joinedup.hub.budget.FundingRules rules;

    /** A line waiting for the caller's organisation to decide it, with whose plan it is (if they may see the name). */
    public record AwaitingDecision(String planId, int planVersion, String personId, String personName, boolean risky,
            String panelDecision, PlansResource.LineView line) {

        /** Names the line on a page: plan id and line number. */
        public String key() {
            return planId + "-" + line.number();
        }
    }

    /** What the caller's organisation's money pays for through plans: approved lines added up by category. */
    public record Bought(String category, int lines, long annualPence, long paidPence) {
    }

    /**
     * {@code GET /api/approvals}: the lines of current plans paid from the caller's organisation's
     * money that wait for its decision, oldest first; only people the caller may know.
     */
    @GET
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
    @Transactional
    public List<AwaitingDecision> awaitingDecision() {
        // its own money's lines, and those of streams whose rules name another kind of agency as approver, each
        // kept only where the caller is the one who decides it
        java.util.Set<org.joinedup.model.AgencyKind> approvedByOthers = java.util.EnumSet.noneOf(
                org.joinedup.model.AgencyKind.class);
        for (org.joinedup.model.AgencyKind kind : org.joinedup.model.AgencyKind.values()) {
            rules.of(kind).filter(r -> r.approver() != r.agency()).ifPresent(r -> approvedByOthers.add(kind));
        }
        String own = caller.agency() == null ? "" : caller.agency();
        List<PlanLine> waiting = (approvedByOthers.isEmpty() ? PlanLine.<PlanLine>list("status = ?1 and"
                + " plan.supersededBy is null and lower(contribution.fundingBody.code) = lower(?2) order by"
                + " plan.createdAt, lineNumber", PlanLine.Status.PROPOSED, own)
                : PlanLine.<PlanLine>list("status = ?1 and plan.supersededBy is null and (lower(contribution"
                        + ".fundingBody.code) = lower(?2) or contribution.agency in ?3) order by plan.createdAt,"
                        + " lineNumber", PlanLine.Status.PROPOSED, own, approvedByOthers))
                .stream().filter(l -> planBook.approvalRefusal(l, own).isEmpty()).toList();
        Map<UUID, PersonAccess> seen = new java.util.HashMap<>();
        access.readAll(waiting.stream().map(l -> l.plan.person.id).toList(), "Approvals")
                .forEach(a -> seen.put(a.personId(), a));
        List<AwaitingDecision> found = new java.util.ArrayList<>();
        Map<UUID, PlansResource.PlanView> views = new java.util.HashMap<>();
        for (PlanLine l : waiting) {
            PersonAccess who = seen.get(l.plan.person.id);
            if (who == null) {
                continue;
            }
            PlansResource.PlanView plan = views.computeIfAbsent(l.plan.id, id -> plans.view(id, who));
            plan.lines().stream().filter(v -> v.number() == l.lineNumber).findFirst().ifPresent(v -> found.add(
                    new AwaitingDecision(plan.id(), plan.version(), who.personId().toString(),
                            who.sees(Category.DEMOGRAPHICS) ? ((l.plan.person.givenName == null ? ""
                                    : l.plan.person.givenName + " ") + (l.plan.person.familyName == null ? ""
                                            : l.plan.person.familyName)).strip() : null,
                            plan.risky(), plan.panelDecision(), v)));
        }
        return found;
    }

    /**
     * {@code GET /api/approvals/bought}: what the caller's organisation's money pays for in current plans, approved
     * lines by category, with what was paid. An aggregate: no one is named.
     */
    @GET
    @Path("/bought")
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
    @Transactional
    public List<Bought> bought() {
        access.report("Approvals/bought?by=" + caller.agency());
        Map<String, long[]> sums = new java.util.TreeMap<>();
        for (PlanLine l : PlanLine.<PlanLine>list("status = ?1 and plan.supersededBy is null"
                + " and lower(contribution.fundingBody.code) = lower(?2) and plan.person.nationalOptOut = false",
                PlanLine.Status.APPROVED,
                caller.agency() == null ? "" : caller.agency())) {
            long[] sum = sums.computeIfAbsent(l.category, k -> new long[3]);
            sum[0]++;
            sum[1] += l.annualPence;
            sum[2] += l.paidPence();
        }
        return sums.entrySet().stream().map(e -> new Bought(e.getKey(), (int) e.getValue()[0], e.getValue()[1],
                e.getValue()[2])).toList();
    }
}
