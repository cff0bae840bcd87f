package org.joinedup.model.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.joinedup.model.Pence;

/**
 * The Resource Allocation System: turns an assessment's points into an indicative budget per funding body, with the
 * explanation, by the rules given. Exact: points and pence are whole numbers; no rounding happens anywhere.
 */
public final class ResourceAllocation {

    private final List<RasRule> rules;

    public ResourceAllocation(List<RasRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparing(RasRule::id)).toList();
    }

    public List<RasRule> rules() {
        return rules;
    }

    /** Which rules, at which versions, an indicative budget was computed with: "council-asc@2026-04, nhs-chc@...". */
    public String version() {
        return rules.stream().map(r -> r.id() + "@" + r.version()).collect(Collectors.joining(", "));
    }

    public IndicativeBudget indicate(AssessmentScores scores) {
        List<IndicativeBudget.Share> shares = new ArrayList<>();
        long total = 0;
        for (RasRule rule : rules) {
            IndicativeBudget.Share share = share(rule, scores);
            shares.add(share);
            total = Math.addExact(total, share.pence());
        }
        return new IndicativeBudget(total, List.copyOf(shares), version());
    }

    private static IndicativeBudget.Share share(RasRule rule, AssessmentScores scores) {
        List<String> steps = new ArrayList<>();
        int points = 0;
        List<String> counted = new ArrayList<>();
        for (AssessmentDomain domain : rule.domains()) {
            int domainPoints = scores.points(domain);
            points += domainPoints;
            String because = scores.scoredAnswers().stream().filter(a -> a.domain() == domain)
                    .map(a -> "'" + a.need().code() + "' to " + a.linkId()).collect(Collectors.joining(", "));
            counted.add(domain.code() + " " + domainPoints + (because.isEmpty() ? " (not answered)" : " (" + because
                    + ")"));
        }
        steps.add("points counted by " + rule.fundingBodyName() + ": " + String.join(", ", counted) + "; total "
                + points);
        String ineligible = ineligibility(rule, scores, points);
        if (ineligible != null) {
            steps.add("no contribution: " + ineligible);
            return share(rule, false, points, null, 0, steps);
        }
        RasRule.Band band = null;
        for (RasRule.Band candidate : rule.bands()) {
            if (points >= candidate.fromPoints()) {
                band = candidate;
            }
        }
        if (band == null) {
            steps.add("no contribution: " + points + " points is below the first band (from "
                    + rule.bands().get(0).fromPoints() + " points)");
            return share(rule, false, points, null, 0, steps);
        }
        long pence;
        String bandText;
        if (band.pencePerPoint() != null) {
            pence = Math.multiplyExact((long) points, band.pencePerPoint());
            bandText = "from " + band.fromPoints() + " points: " + new Pence(band.pencePerPoint()) + " a point";
            steps.add("band " + bandText);
            steps.add(points + " points x " + new Pence(band.pencePerPoint()) + " = " + new Pence(pence) + " a year");
        } else {
            pence = band.fixedPence();
            bandText = "from " + band.fromPoints() + " points: " + new Pence(band.fixedPence()) + " fixed";
            steps.add("band " + bandText);
        }
        if (pence < rule.floorPence()) {
            steps.add("raised to the floor of " + new Pence(rule.floorPence()));
            pence = rule.floorPence();
        }
        if (pence > rule.capPence()) {
            steps.add("limited to the cap of " + new Pence(rule.capPence()));
            pence = rule.capPence();
        }
        steps.add("indicative " + (rule.money() == RasRule.Money.CAPITAL ? "one-off (capital) amount" : "annual amount")
                + ": " + new Pence(pence));
        return share(rule, true, points, bandText, pence, steps);
    }

    private static String ineligibility(RasRule rule, AssessmentScores scores, int points) {
        if (rule.requires() != null && !scores.flags().contains(rule.requires())) {
            return "the assessment does not say yes to '" + rule.requires().question() + "'";
        }
        for (Map.Entry<AssessmentDomain, Integer> threshold : rule.thresholds().entrySet()) {
            int domainPoints = scores.points(threshold.getKey());
            if (domainPoints < threshold.getValue()) {
                return threshold.getKey().code() + " need of " + domainPoints + " points is below the threshold of "
                        + threshold.getValue();
            }
        }
        if (points < rule.eligibleFromPoints()) {
            return points + " points is below the " + rule.eligibleFromPoints() + " needed";
        }
        return null;
    }

    private static IndicativeBudget.Share share(RasRule rule, boolean eligible, int points, String band, long pence,
            List<String> steps) {
        return new IndicativeBudget.Share(rule.id(), rule.version(), rule.agency(), rule.fundingBodyCode(),
                rule.fundingBodyName(), rule.money(), eligible, points, band, pence, List.copyOf(steps));
    }
}
