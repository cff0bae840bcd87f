package org.joinedup.hub.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.joinedup.model.Pence;

/** A person's support plan as the case shows it: the current version in brief, and its history for the timeline. */
public final class PlanSummaries {

    private PlanSummaries() {
    }

    /**
     * The current plan in brief: its version, what it costs a year and has paid, its lines by status, and what the
     * latest revision changed (lines NEW, CHANGED, UNCHANGED).
     */
    public record PlanSummary(String planId, int version, Instant createdAt, String whatMatters, long annualPence,
            long paidPence, Map<String, Integer> linesByStatus, Map<String, Integer> linesByChange,
            java.time.LocalDate reviewDue) {

        /**
         * Where the plan stands as a whole: {@code NEEDS_CHANGES} if any line was refused or lost its money,
         * {@code WAITING_FOR_APPROVAL} while a line awaits its funder, else {@code APPROVED}.
         */
        public String status() {
            if (linesByStatus.containsKey("REFUSED") || linesByStatus.containsKey("REPLAN")) {
                return "NEEDS_CHANGES";
            }
            return linesByStatus.containsKey("PROPOSED") ? "WAITING_FOR_APPROVAL" : "APPROVED";
        }

        /**
         * When the plan is next reviewed: a year after the latest review recorded, or after the first plan was
         * made (the Care Act's guidance expects a review at least every twelve months).
         */
        public java.time.LocalDate nextReview() {
            return reviewDue != null ? reviewDue
                    : createdAt.atZone(java.time.ZoneId.of("Europe/London")).toLocalDate().plusYears(1);
        }
    }

    /** A dated event of a person's plans. */
    public record PlanEvent(Instant at, String agency, String kind, String detail) {
    }

    public static PlanSummary current(UUID personId) {
        SupportPlan plan = SupportPlan.<SupportPlan>find("person.id = ?1 and supersededBy is null", personId)
                .firstResult();
        if (plan == null) {
            return null;
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byChange = new TreeMap<>();
        long annual = 0;
        long paid = 0;
        for (PlanLine line : plan.lines) {
            byStatus.merge(line.status.name(), 1, Integer::sum);
            byChange.merge(line.change.name(), 1, Integer::sum);
            annual += line.annualPence;
            paid += line.paidPence();
        }
        return new PlanSummary(plan.id.toString(), plan.version, plan.createdAt, plan.whatMatters, annual, paid,
                byStatus, byChange, plan.reviewDue);
    }

    /** Every version drafted and every line decided (lines carried over unchanged are not decided again). */
    public static List<PlanEvent> history(UUID personId) {
        List<PlanEvent> events = new ArrayList<>();
        for (SupportPlan plan : SupportPlan.<SupportPlan>list("person.id = ?1 order by version", personId)) {
            long annual = plan.lines.stream().mapToLong(l -> l.annualPence).reduce(0L, Math::addExact);
            events.add(new PlanEvent(plan.createdAt, "HUB", plan.version == 1 ? "PLAN_DRAFTED" : "PLAN_REVISED",
                    "plan version " + plan.version + " by " + plan.createdBy + ": " + plan.lines.size() + " lines, "
                            + new Pence(annual) + " a year"));
            for (PlanLine line : plan.lines) {
                if (line.change == PlanLine.Change.PROVIDER_SWITCHED) {
                    events.add(new PlanEvent(plan.createdAt, "HUB", "PLAN_LINE_PROVIDER_SWITCHED", "plan version "
                            + plan.version + " line " + line.lineNumber + " (" + line.description + ") moved from "
                            + (line.previousLine == null ? "its provider" : line.previousLine.payee) + " to "
                            + line.payee + ", keeping its money and approval"));
                    continue;
                }
                if (line.decidedAt != null && line.change != PlanLine.Change.UNCHANGED) {
                    events.add(new PlanEvent(line.decidedAt, line.contribution.agency.name(), "PLAN_LINE_"
                            + (line.status == PlanLine.Status.REFUSED ? "REFUSED" : "APPROVED"), "plan version " + plan.version + " line " + line.lineNumber + " ("
                            + line.description + ", " + new Pence(line.annualPence) + " a year) "
                            + (line.status == PlanLine.Status.REFUSED ? "refused" : "approved") + " by " + line.decidedBy + " for "
                            + line.contribution.fundingBody.code + (line.decisionReason == null ? ""
                                    : ": " + line.decisionReason)));
                }
            }
        }
        for (Object row : SupportPlan.getEntityManager().createNativeQuery("select r.recorded_at, p.version,"
                + " r.reviewed_on, r.recorded_by from outcome_review r join support_plan p on p.id = r.plan_id"
                + " where r.person_id = ?1 order by r.recorded_at").setParameter(1, personId).getResultList()) {
            Object[] r = (Object[]) row;
            events.add(new PlanEvent(org.joinedup.hub.platform.SqlValues.instant(r[0]), "HUB", "PLAN_REVIEWED", "plan version " + r[1] + " reviewed with the person"
                    + " on " + r[2] + " (recorded by " + r[3] + ")"));
        }
        return events;
    }
}
