package org.joinedup.model.identity;

import java.util.List;

/**
 * How two records compare under the model: the match weight (log2 of the Bayes factor, prior included), the match
 * probability, and each comparison's part of the weight, so a person can see why two records were or were not
 * joined.
 *
 * @param conflict why the records cannot be the same person automatically (two different NHS or NI numbers), or
 *                 null
 */
public record MatchScore(double weight, double probability, double priorWeight, List<Part> parts,
        String conflict) {

    /**
     * One comparison: the values compared, the level reached, its weight log2(m/u), and the term-frequency
     * adjustment made to it (0 when none).
     */
    public record Part(Comparison comparison, String left, String right, ComparisonLevel level, double weight,
            double termFrequencyAdjustment) {
    }

    public static double probabilityOf(double weight) {
        double bayesFactor = Math.pow(2, weight);
        return bayesFactor / (1 + bayesFactor);
    }
}
