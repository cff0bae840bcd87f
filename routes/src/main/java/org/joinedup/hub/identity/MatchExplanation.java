package org.joinedup.hub.identity;

import java.util.List;

import org.joinedup.model.identity.MatchScore;

/**
 * Why two records were (or were proposed to be) joined, as stored with the link and shown to people: the total match
 * weight and probability, the prior, and each comparison's values, level and weight.
 */
public record MatchExplanation(double matchWeight, double probability, double priorWeight, List<Part> comparisons,
        String conflict) {

    public record Part(String comparison, String value, String otherValue, String level, double weight,
            double termFrequencyAdjustment) {
    }

    public static MatchExplanation of(MatchScore score) {
        return new MatchExplanation(round(score.weight()), score.probability(), round(score.priorWeight()),
                score.parts().stream().map(p -> new Part(p.comparison().key(), p.left(), p.right(), p.level().key(),
                        round(p.weight()), round(p.termFrequencyAdjustment()))).toList(),
                score.conflict());
    }

    private static double round(double weight) {
        return Math.round(weight * 1000) / 1000.0;
    }
}
