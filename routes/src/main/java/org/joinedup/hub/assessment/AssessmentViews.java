package org.joinedup.hub.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.joinedup.hub.fhir.FhirReads;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.assessment.AssessmentDomain;
import org.joinedup.model.assessment.AssessmentFlag;
import org.joinedup.model.assessment.AssessmentScores;
import org.joinedup.model.assessment.IndicativeBudget;

/** Assessments and indicative budgets as the JSON API and the case show them. */
@ApplicationScoped
public class AssessmentViews {

    @Inject
    AssessmentBook book;

    @Inject
    IndicativeBudgets budgets;

    @Inject
    FhirReads reads;

    /** An assessment's summary: points per domain (by domain code), the flags answered yes, the person's own words. */
    public record AssessmentSummary(String id, String personId, int version, String mode, String completedBy,
            String completedByAgency, Instant submittedAt, String checkedBy, Instant checkedAt, String checkNote,
            int totalPoints, Map<String, Integer> pointsByDomain, List<String> flags, Map<String, String> ownWords) {
    }

    /**
     * The indicative budget beside what the agencies have confirmed: each funding body's indicative share with its
     * explanation, the confirmed active contributions of the same kind of agency, and the difference.
     */
    public record IndicativeBudgetView(String personId, String assessmentId, int assessmentVersion, String rasVersion,
            Instant computedAt, long totalPence, long confirmedPence, List<ShareView> shares,
            List<EarlierResult> earlier) {
    }

    public record ShareView(String ruleId, String ruleVersion, String agency, String fundingBodyCode,
            String fundingBodyName, String money, boolean eligible, int points, String band, long indicativePence,
            List<String> explanation, long confirmedPence, long differencePence, List<Confirmed> confirmed) {
    }

    public record Confirmed(String contributionId, String fundingBodyCode, String fundingBodyName, String type,
            long amountPence, String periodStart, String periodEnd) {
    }

    public record EarlierResult(String assessmentId, int assessmentVersion, String rasVersion, Instant computedAt,
            long totalPence) {
    }

    public AssessmentSummary summary(Assessment a) {
        AssessmentScores scores = book.scores(a);
        Map<String, Integer> points = new LinkedHashMap<>();
        for (AssessmentDomain domain : AssessmentDomain.values()) {
            points.put(domain.code(), scores.points(domain));
        }
        return new AssessmentSummary(a.id.toString(), a.person.id.toString(), a.version, a.mode.name(), a.completedBy,
                a.completedByAgency, a.submittedAt, a.checkedBy, a.checkedAt, a.checkNote, a.totalPoints, points,
                scores.flags().stream().map(AssessmentFlag::configName).sorted().toList(),
                new java.util.TreeMap<>(scores.ownWords()));
    }

    /** The domains whose answers are health data (the health parts of the assessment). */
    private static final java.util.Set<String> HEALTH_DOMAINS = java.util.Set.of(AssessmentDomain.HEALTH.code(),
            AssessmentDomain.MENTAL_WELLBEING.code());

    /** Whether an answer's linkId (or a domain's code) belongs to the health parts of the assessment. */
    public static boolean isHealth(String linkId) {
        return linkId != null && HEALTH_DOMAINS.stream().anyMatch(d -> linkId.equals(d) || linkId.startsWith(d + "."));
    }

    /** The summary as this reader may see it: without its health parts unless health is shared with them. */
    public AssessmentSummary summary(Assessment a, org.joinedup.hub.access.PersonAccess seen) {
        return shown(summary(a), seen);
    }

    public static AssessmentSummary shown(AssessmentSummary s, org.joinedup.hub.access.PersonAccess seen) {
        if (s == null || seen.sees(org.joinedup.model.access.Category.HEALTH)) {
            return s;
        }
        Map<String, Integer> points = new LinkedHashMap<>(s.pointsByDomain());
        int healthPoints = points.entrySet().stream().filter(e -> isHealth(e.getKey())).mapToInt(Map.Entry::getValue)
                .sum();
        points.keySet().removeIf(AssessmentViews::isHealth);
        Map<String, String> words = new java.util.TreeMap<>(s.ownWords());
        words.keySet().removeIf(AssessmentViews::isHealth);
        return new AssessmentSummary(s.id(), s.personId(), s.version(), s.mode(), s.completedBy(),
                s.completedByAgency(), s.submittedAt(), s.checkedBy(), s.checkedAt(), s.checkNote(),
                s.totalPoints() - healthPoints, points, s.flags().stream().filter(f -> !isHealth(f)).toList(), words);
    }

    /** The QuestionnaireResponse as this reader may see it: without the health items unless health is shared. */
    public static org.hl7.fhir.r4.model.QuestionnaireResponse shown(org.hl7.fhir.r4.model.QuestionnaireResponse r,
            org.joinedup.hub.access.PersonAccess seen) {
        if (!seen.sees(org.joinedup.model.access.Category.HEALTH)) {
            withoutHealth(r.getItem());
        }
        return r;
    }

    private static void withoutHealth(List<org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent> items) {
        items.removeIf(i -> isHealth(i.getLinkId()));
        items.forEach(i -> withoutHealth(i.getItem()));
    }

    public Optional<AssessmentSummary> current(UUID personId) {
        return Assessment.<Assessment>find("person.id = ?1 order by version desc", personId).firstResultOptional()
                .map(this::summary);
    }

    public Optional<IndicativeBudgetView> indicative(UUID personId) {
        List<IndicativeBudgetResult> all = IndicativeBudgetResult.<IndicativeBudgetResult>find(
                "person.id = ?1 order by computedAt desc", personId).list();
        IndicativeBudgetResult current = all.stream().filter(r -> r.current).findFirst().orElse(null);
        if (current == null) {
            return Optional.empty();
        }
        IndicativeBudget budget = budgets.read(current);
        List<ContributionRecord> active = reads.contributionsOf(personId.toString()).stream()
                .filter(c -> c.status() == ContributionStatus.ACTIVE).toList();
        List<ShareView> shares = new ArrayList<>();
        for (IndicativeBudget.Share share : budget.shares()) {
            List<Confirmed> confirmed = active.stream().filter(c -> c.agency() == share.agency())
                    .map(c -> new Confirmed(c.id(), c.fundingBodyCode(), c.fundingBodyName(), c.type(),
                            c.amount().value(), String.valueOf(c.periodStart()), String.valueOf(c.periodEnd())))
                    .toList();
            long confirmedPence = confirmed.stream().mapToLong(Confirmed::amountPence).reduce(0L, Math::addExact);
            shares.add(new ShareView(share.ruleId(), share.ruleVersion(), share.agency().name(),
                    share.fundingBodyCode(), share.fundingBodyName(), share.money().name(), share.eligible(),
                    share.points(), share.band(), share.pence(), share.steps(), confirmedPence,
                    confirmedPence - share.pence(), confirmed));
        }
        long confirmedTotal = active.stream().mapToLong(c -> c.amount().value()).reduce(0L, Math::addExact);
        List<EarlierResult> earlier = all.stream().filter(r -> !r.current)
                .map(r -> new EarlierResult(r.assessment.id.toString(), r.assessment.version, r.rasVersion,
                        r.computedAt, r.totalPence)).toList();
        return Optional.of(new IndicativeBudgetView(personId.toString(), current.assessment.id.toString(),
                current.assessment.version, current.rasVersion, current.computedAt, current.totalPence,
                confirmedTotal, shares, earlier));
    }
}
