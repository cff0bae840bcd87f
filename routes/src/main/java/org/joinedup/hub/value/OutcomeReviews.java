package org.joinedup.hub.value;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.joinedup.hub.alerts.AlertKind;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.plan.SupportPlan;
import org.joinedup.hub.platform.Today;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.value.OutcomeReview;
import org.joinedup.model.value.OutcomeReview.Change;
import org.joinedup.model.value.OutcomeReview.LifeAspect;

/**
 * Plan reviews in the person's own answer, kept per plan, and what they add up to: the outcomes summary per aspect
 * of life (the latest review of each person), and the alert raised on the case when a plan's review is overdue.
 */
@ApplicationScoped
public class OutcomeReviews {

    /** The alert's key: one overdue review per person at a time, whichever version of the plan is current. */
    static final String OVERDUE_KEY = "plan-review";

    @Inject
    EntityManager em;

    @Inject
    Today today;

    /** A review as recorded. */
    public record Recorded(String id, String personId, String planId, int planVersion, LocalDate reviewedOn,
            Map<String, String> aspects, String helpedBy, String ownWords, List<OutcomeReview.GoalResult> goals,
            String recordedBy, java.time.Instant recordedAt, String reference, boolean repeat) {

        /** How many aspects of life the person said were BETTER (SAME, WORSE). */
        public long count(String change) {
            return aspects.values().stream().filter(change::equals).count();
        }

        public long goalsMet() {
            return goals.stream().filter(g -> g.outcome() == OutcomeReview.GoalOutcome.MET).count();
        }
    }

    /** Per aspect of life: how many said better, the same, worse, and the share of each (whole per cent, half up). */
    public record AspectSummary(String aspect, String label, int better, int same, int worse, int betterPercent,
            int samePercent, int worsePercent) {
    }

    /**
     * Records the review of the person's current plan; the plan is next reviewed a year after this review (unless a
     * later one was recorded before it), and an overdue-review alert on the case closes. Refused ({@link LedgerRefusal}, 409) on a plan a revision replaced.
     */
    @Transactional
    public Recorded record(UUID planId, OutcomeReview review, String by) {
        return record(planId, review, by, null);
    }

    /** The longest reference a review may carry. */
    public static final int MOST_REFERENCE = 300;

    /**
     * As {@link #record(UUID, OutcomeReview, String)}, once per {@code reference} (when not null) for the person: a
     * review sent again with it answers the review already recorded, marked {@code repeat}.
     */
    @Transactional
    public Recorded record(UUID planId, OutcomeReview review, String by, String reference) {
        SupportPlan plan = SupportPlan.findById(planId, LockModeType.PESSIMISTIC_WRITE);
        if (reference != null) {
            List<?> known = em.createNativeQuery("select id from outcome_review where person_id = ?1 and reference"
                    + " = ?2").setParameter(1, plan.person.id).setParameter(2, reference).getResultList();
            if (!known.isEmpty()) {
                Recorded first = review((UUID) known.get(0)).orElseThrow();
                return new Recorded(first.id(), first.personId(), first.planId(), first.planVersion(),
                        first.reviewedOn(), first.aspects(), first.helpedBy(), first.ownWords(), first.goals(),
                        first.recordedBy(), first.recordedAt(), first.reference(), true);
            }
        }
        if (plan.supersededBy != null || plan.closedByMerge != null) {
            throw new LedgerRefusal("plan version " + plan.version + " is not the current plan: review the current"
                    + " one");
        }
        UUID id = UUID.randomUUID();
        java.time.Instant now = java.time.Instant.now();
        em.createNativeQuery("insert into outcome_review (id, plan_id, person_id, reviewed_on, helped_by, own_words,"
                + " recorded_by, recorded_at, reference) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, id).setParameter(2, planId).setParameter(3, plan.person.id)
                .setParameter(4, review.reviewedOn()).setParameter(5, review.helpedBy())
                .setParameter(6, review.ownWords()).setParameter(7, by).setParameter(8, now)
                .setParameter(9, reference).executeUpdate();
        review.aspects().forEach((aspect, change) -> em.createNativeQuery("insert into outcome_review_aspect"
                + " (review_id, aspect, change) values (?1, ?2, ?3)").setParameter(1, id).setParameter(2,
                        aspect.code()).setParameter(3, change.name()).executeUpdate());
        for (int i = 0; i < review.goals().size(); i++) {
            OutcomeReview.GoalResult goal = review.goals().get(i);
            em.createNativeQuery("insert into outcome_review_goal (review_id, number, goal, outcome) values (?1, ?2,"
                    + " ?3, ?4)").setParameter(1, id).setParameter(2, i + 1).setParameter(3, goal.goal())
                    .setParameter(4, goal.outcome().name()).executeUpdate();
        }
        Object latest = em.createNativeQuery("select max(reviewed_on) from outcome_review where person_id = ?1"
                + " and id <> ?2").setParameter(1, plan.person.id).setParameter(2, id).getSingleResult();
        if (latest == null || !review.reviewedOn().isBefore(org.joinedup.hub.platform.SqlValues.date(latest))) {
            plan.reviewDue = review.reviewedOn().plusYears(1); // the next a year after the latest review
        }
        if (!plan.reviewDue.isBefore(today.date())) {
            PersonAlert.close(plan.person, AlertKind.REVIEW_OVERDUE, OVERDUE_KEY);
        }
        return reviewsOf(planId).stream().filter(r -> r.id().equals(id.toString())).findFirst().orElseThrow();
    }

    /** Every review of this person's plans (every version), newest first. */
    @Transactional
    public List<Recorded> reviewsOf(UUID planId) {
        return reviewsWhere("r.person_id = (select person_id from support_plan where id = ?1)", planId);
    }

    /** Every review of the person's plans, newest first. */
    @Transactional
    public List<Recorded> reviewsOfPerson(UUID personId) {
        return reviewsWhere("r.person_id = ?1", personId);
    }

    /** The review with this id, if there is one. */
    @Transactional
    public java.util.Optional<Recorded> review(UUID reviewId) {
        return reviewsWhere("r.id = ?1", reviewId).stream().findFirst();
    }

    /** A review as the model holds it (to be written as a QuestionnaireResponse, say). */
    public static OutcomeReview asReview(Recorded recorded) {
        Map<LifeAspect, Change> aspects = new EnumMap<>(LifeAspect.class);
        recorded.aspects().forEach((code, change) -> LifeAspect.ofCode(code)
                .ifPresent(aspect -> aspects.put(aspect, Change.valueOf(change))));
        return new OutcomeReview(recorded.reviewedOn(), aspects, recorded.helpedBy(), recorded.ownWords(),
                recorded.goals());
    }

    private List<Recorded> reviewsWhere(String where, UUID parameter) {
        List<?> rows = em.createNativeQuery("""
                select r.id, r.plan_id, p.version, r.reviewed_on, r.helped_by, r.own_words, r.recorded_by,
                       r.recorded_at, r.person_id, r.reference
                from outcome_review r join support_plan p on p.id = r.plan_id
                where %s
                order by r.reviewed_on desc, r.recorded_at desc""".formatted(where)).setParameter(1, parameter)
                .getResultList();
        List<Recorded> reviews = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            UUID id = (UUID) r[0];
            Map<String, String> aspects = new LinkedHashMap<>();
            Map<String, String> given = new java.util.HashMap<>();
            for (Object a : em.createNativeQuery("select aspect, change from outcome_review_aspect where review_id"
                    + " = ?1").setParameter(1, id).getResultList()) {
                given.put((String) ((Object[]) a)[0], (String) ((Object[]) a)[1]);
            }
            for (LifeAspect aspect : LifeAspect.values()) {
                if (given.containsKey(aspect.code())) {
                    aspects.put(aspect.code(), given.get(aspect.code()));
                }
            }
            List<OutcomeReview.GoalResult> goals = new ArrayList<>();
            for (Object g : em.createNativeQuery("select goal, outcome from outcome_review_goal where review_id = ?1"
                    + " order by number").setParameter(1, id).getResultList()) {
                goals.add(new OutcomeReview.GoalResult((String) ((Object[]) g)[0],
                        OutcomeReview.GoalOutcome.valueOf((String) ((Object[]) g)[1])));
            }
            reviews.add(new Recorded(id.toString(), r[8].toString(), r[1].toString(), ((Number) r[2]).intValue(),
                    org.joinedup.hub.platform.SqlValues.date(r[3]), aspects, (String) r[4], (String) r[5], goals, (String) r[6],
                    org.joinedup.hub.platform.SqlValues.instant(r[7]), (String) r[9], false));
        }
        return reviews;
    }

    /**
     * The outcomes summary: for each aspect, the latest review of each person (of one council's people, as
     * {@link ValueOfPeople} counts them, or of everyone when {@code council} is null), people with the national data
     * opt-out and merged ids left out.
     */
    @Transactional
    public List<AspectSummary> summary(String council) {
        List<?> rows = em.createNativeQuery("""
                select a.aspect, a.change, count(*) from (
                    select distinct on (r.person_id) r.id from outcome_review r join person p on p.id = r.person_id
                    where p.merged_into is null and not p.national_opt_out and (cast(?1 as varchar) is null
                          or exists (select 1 from source_record s where s.person_id = p.id
                                     and s.agency = 'SOCIAL_CARE' and s.holder = ?1))
                    order by r.person_id, r.reviewed_on desc, r.recorded_at desc) latest
                join outcome_review_aspect a on a.review_id = latest.id
                group by a.aspect, a.change""").setParameter(1, council).getResultList();
        Map<LifeAspect, Map<Change, Integer>> counts = new EnumMap<>(LifeAspect.class);
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            LifeAspect.ofCode((String) r[0]).ifPresent(aspect -> counts.computeIfAbsent(aspect,
                    a -> new EnumMap<>(Change.class)).put(Change.valueOf((String) r[1]), ((Number) r[2]).intValue()));
        }
        List<AspectSummary> summary = new ArrayList<>();
        for (LifeAspect aspect : LifeAspect.values()) {
            Map<Change, Integer> c = counts.getOrDefault(aspect, Map.of());
            int better = c.getOrDefault(Change.BETTER, 0);
            int same = c.getOrDefault(Change.SAME, 0);
            int worse = c.getOrDefault(Change.WORSE, 0);
            int all = better + same + worse;
            summary.add(new AspectSummary(aspect.code(), aspect.label(), better, same, worse, percent(better, all),
                    percent(same, all), percent(worse, all)));
        }
        return summary;
    }



    /** {@code part} of {@code all} in whole per cent, half up; 0 of nobody. */
    static int percent(int part, int all) {
        return all == 0 ? 0 : (int) ((part * 200L + all) / (2L * all));
    }

    /**
     * Raises the overdue-review alert on the case of every person whose current plan's review date has passed
     * (refreshing it if it is open), in one statement. Run when the hub is ready and every hour after.
     */
    @Transactional
    public int raiseOverdue() {
        String causes = "select p.person_id, cast(null as uuid) as source_record_id, '" + OVERDUE_KEY + "' as source_key,"
                + " 'the review of support plan version ' || p.version || ' was due on ' || to_char(p.review_due,"
                + " 'FMDD FMMonth YYYY') as detail from support_plan p join person x on x.id = p.person_id"
                + " where p.superseded_by is null and p.closed_by_merge is null and x.merged_into is null"
                + " and p.review_due < ?";
        return em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (var raise = connection.prepareStatement(PersonAlert.raiseAllSql(causes))) {
                raise.setString(1, AgencyKind.SOCIAL_CARE.name());
                raise.setString(2, AlertKind.REVIEW_OVERDUE.name());
                raise.setObject(3, null, java.sql.Types.BIGINT);
                raise.setObject(4, today.date());
                return raise.executeUpdate();
            }
        });
    }
}
