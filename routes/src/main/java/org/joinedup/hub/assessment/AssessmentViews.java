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
            long confirmedPence = confirmed.stream().mapToLong(Confirmed::amountPence).sum();
            shares.add(new ShareView(share.ruleId(), share.ruleVersion(), share.agency().name(),
                    share.fundingBodyCode(), share.fundingBodyName(), share.money().name(), share.eligible(),
                    share.points(), share.band(), share.pence(), share.steps(), confirmedPence,
                    confirmedPence - share.pence(), confirmed));
        }
        long confirmedTotal = active.stream().mapToLong(c -> c.amount().value()).sum();
        List<EarlierResult> earlier = all.stream().filter(r -> !r.current)
                .map(r -> new EarlierResult(r.assessment.id.toString(), r.assessment.version, r.rasVersion,
                        r.computedAt, r.totalPence)).toList();
        return Optional.of(new IndicativeBudgetView(personId.toString(), current.assessment.id.toString(),
                current.assessment.version, current.rasVersion, current.computedAt, current.totalPence,
                confirmedTotal, shares, earlier));
    }
}
