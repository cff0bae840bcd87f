package org.joinedup.model.assessment;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an assessment says, as the Resource Allocation System and the case read it: the points per domain and which
 * answer gave them, the flags answered yes, and the person's own words (by linkId).
 */
public record AssessmentScores(Map<AssessmentDomain, Integer> points, List<ScoredAnswer> scoredAnswers,
        Set<AssessmentFlag> flags, Map<String, String> ownWords) {

    /** One scored answer: the question, the answer chosen and the points it gave. */
    public record ScoredAnswer(String linkId, AssessmentDomain domain, AssessmentDomain.Need need, int points) {
    }

    public static AssessmentScores of(List<ScoredAnswer> answers, Set<AssessmentFlag> flags,
            Map<String, String> ownWords) {
        Map<AssessmentDomain, Integer> points = new EnumMap<>(AssessmentDomain.class);
        for (AssessmentDomain domain : AssessmentDomain.values()) {
            points.put(domain, 0);
        }
        for (ScoredAnswer answer : answers) {
            points.merge(answer.domain(), answer.points(), Integer::sum);
        }
        return new AssessmentScores(Map.copyOf(points), List.copyOf(answers),
                flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags)), Map.copyOf(ownWords));
    }

    public int points(AssessmentDomain domain) {
        return points.getOrDefault(domain, 0);
    }

    public int totalPoints() {
        return points.values().stream().mapToInt(Integer::intValue).sum();
    }
}
