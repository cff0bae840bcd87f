package org.joinedup.model.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The Fellegi-Sunter model the hub links records with, as the UK government's Splink formulates it: for every
 * comparison level, m (how often two records of the same person agree at that level) and u (how often two records of
 * different people do); the weight of a level is log2(m/u), a record pair's match weight is the prior's weight plus
 * the weights of its comparisons. An exact name match is adjusted by how common the name is (term frequency).
 * Two thresholds on the match weight: at or above {@code threshold.link} records are linked automatically, at or
 * above {@code threshold.review} the link goes to a person for review, below it they are different people.
 *
 * <p>All numbers come from a properties file ({@code config/identity-matching.properties} is the hub's default),
 * never from code: see {@link #load(Reader)}.
 */
public final class MatchModel {

    private static final String DEFAULTS = "/identity-matching.properties";

    private final double priorWeight;
    private final double linkThreshold;
    private final double reviewThreshold;
    private final double similarAbove;
    private final double termFrequencyMinimum;
    private final Set<Comparison> termFrequencyAdjusted;
    private final Map<Comparison, Map<ComparisonLevel, double[]>> mu;
    private final Map<Comparison, Map<ComparisonLevel, Double>> weights;
    private final List<BlockingRule> blockingRules;
    private final int maxBlockSize;
    private final boolean reviewWhenGivenNamesDiffer;
    private final double corroborationWeight;

    private MatchModel(Properties p) {
        double prior = number(p, "prior");
        if (prior <= 0 || prior >= 1) {
            throw new IllegalArgumentException("identity model: prior must be between 0 and 1, got " + prior);
        }
        this.priorWeight = log2(prior / (1 - prior));
        this.linkThreshold = number(p, "threshold.link");
        this.reviewThreshold = number(p, "threshold.review");
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("identity model: threshold.review (" + reviewThreshold
                    + ") must not be above threshold.link (" + linkThreshold + ")");
        }
        this.similarAbove = number(p, "similar-name.jaro-winkler");
        this.termFrequencyMinimum = number(p, "term-frequency.minimum");
        this.termFrequencyAdjusted = EnumSet.noneOf(Comparison.class);
        this.mu = new EnumMap<>(Comparison.class);
        this.weights = new EnumMap<>(Comparison.class);
        for (Comparison comparison : Comparison.values()) {
            Map<ComparisonLevel, double[]> levels = new EnumMap<>(ComparisonLevel.class);
            Map<ComparisonLevel, Double> levelWeights = new EnumMap<>(ComparisonLevel.class);
            for (ComparisonLevel level : comparison.levels()) {
                String key = comparison.key() + "." + level.key();
                double m = probability(p, key + ".m");
                double u = probability(p, key + ".u");
                levels.put(level, new double[] { m, u });
                levelWeights.put(level, log2(m / u));
            }
            levelWeights.put(ComparisonLevel.MISSING, 0.0);
            mu.put(comparison, levels);
            weights.put(comparison, levelWeights);
            if (Boolean.parseBoolean(p.getProperty(comparison.key() + ".term-frequency", "false").trim())) {
                termFrequencyAdjusted.add(comparison);
            }
        }
        List<BlockingRule> rules = new ArrayList<>();
        for (String name : required(p, "blocking").split(",")) {
            if (!name.isBlank()) {
                rules.add(BlockingRule.fromConfigName(name));
            }
        }
        this.blockingRules = List.copyOf(rules);
        try {
            this.maxBlockSize = Integer.parseInt(p.getProperty("blocking.max-block-size", "100").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("blocking.max-block-size must be a whole number, not '"
                    + p.getProperty("blocking.max-block-size") + "'");
        }
        if (maxBlockSize < 1) {
            throw new IllegalArgumentException("blocking.max-block-size must be at least 1, not " + maxBlockSize);
        }
        this.reviewWhenGivenNamesDiffer = Boolean.parseBoolean(required(p, "given-name.different.review-only").trim());
        this.corroborationWeight = number(p, "identifier.unverified.corroboration-weight");
    }

    /** Reads a model from a weights file; a missing or malformed number is refused with its key. */
    public static MatchModel load(Reader weights) {
        Properties p = new Properties();
        try {
            p.load(weights);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MatchModel(p);
    }

    /** The model shipped with the hub ({@code config/identity-matching.properties}, packaged on the classpath). */
    public static MatchModel defaults() {
        try (InputStream in = MatchModel.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return new MatchModel(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares two records: every comparison's level and weight, the total match weight and its probability. */
    public MatchScore score(MatchRecord a, MatchRecord b, TermFrequencies frequencies) {
        List<MatchScore.Part> parts = new ArrayList<>(Comparison.values().length);
        double total = priorWeight;
        for (Comparison comparison : Comparison.values()) {
            ComparisonLevel level = comparison.level(a, b, similarAbove);
            double weight = weights.get(comparison).get(level);
            double adjustment = 0;
            if (level == ComparisonLevel.EXACT && termFrequencyAdjusted.contains(comparison)) {
                double share = frequencies.share(comparison, comparison.value(a));
                if (share > 0) {
                    double u = mu.get(comparison).get(level)[1];
                    adjustment = log2(u / Math.max(share, termFrequencyMinimum));
                }
            }
            total += weight + adjustment;
            parts.add(new MatchScore.Part(comparison, comparison.value(a), comparison.value(b), level, weight,
                    adjustment));
        }
        return new MatchScore(total, MatchScore.probabilityOf(total), priorWeight, List.copyOf(parts),
                conflict(a, b));
    }

    /**
     * Only the total weight, without the explanation: what blocking candidates are ranked by. The full
     * {@link #score} is computed for the candidate kept.
     */
    public double weight(MatchRecord a, MatchRecord b, TermFrequencies frequencies) {
        double total = priorWeight;
        for (Comparison comparison : Comparison.values()) {
            ComparisonLevel level = comparison.level(a, b, similarAbove);
            total += weights.get(comparison).get(level);
            if (level == ComparisonLevel.EXACT && termFrequencyAdjusted.contains(comparison)) {
                double share = frequencies.share(comparison, comparison.value(a));
                if (share > 0) {
                    total += log2(mu.get(comparison).get(level)[1] / Math.max(share, termFrequencyMinimum));
                }
            }
        }
        return total;
    }

    /** Why two records can never be linked without a person deciding, or null: different NHS or NI numbers. */
    public static String conflict(MatchRecord a, MatchRecord b) {
        if (a.nhsNumber() != null && b.nhsNumber() != null && !a.nhsNumber().equals(b.nhsNumber())) {
            return "different NHS numbers (" + a.nhsNumber() + ", " + b.nhsNumber() + ")";
        }
        if (a.niNumber() != null && b.niNumber() != null && !a.niNumber().equals(b.niNumber())) {
            return "different NI numbers (" + a.niNumber() + ", " + b.niNumber() + ")";
        }
        return null;
    }

    public double linkThreshold() {
        return linkThreshold;
    }

    public double reviewThreshold() {
        return reviewThreshold;
    }

    /**
     * Whether a pair whose given names differ outright is at most proposed for review, however high its weight:
     * twins share family name, birth date and address, and only the given name tells them apart.
     */
    public boolean reviewWhenGivenNamesDiffer() {
        return reviewWhenGivenNamesDiffer;
    }

    /**
     * What the names and birth date must weigh together (given name, family name and birth date parts of a score,
     * term-frequency adjustments included) before an NHS or NI number that is not verified on both records may link
     * them: such an identifier is a claim someone typed, never enough alone.
     */
    public double corroborationWeight() {
        return corroborationWeight;
    }

    /** The names-and-birth-date part of a score: what corroborates (or not) an identifier nobody verified. */
    public static double corroboration(MatchScore score) {
        double total = 0;
        for (MatchScore.Part part : score.parts()) {
            if (part.comparison() == Comparison.GIVEN_NAME || part.comparison() == Comparison.FAMILY_NAME
                    || part.comparison() == Comparison.BIRTH_DATE) {
                total += part.weight() + part.termFrequencyAdjustment();
            }
        }
        return total;
    }

    public List<BlockingRule> blockingRules() {
        return blockingRules;
    }

    /** A block with more records than this gives no candidates: too loose to tell people apart. */
    public int maxBlockSize() {
        return maxBlockSize;
    }

    public Set<Comparison> termFrequencyAdjusted() {
        return Set.copyOf(termFrequencyAdjusted);
    }

    /** The weight of one level, log2(m/u) (0 for a missing value). */
    public double weightOf(Comparison comparison, ComparisonLevel level) {
        return weights.get(comparison).get(level);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double probability(Properties p, String key) {
        double value = number(p, key);
        if (value <= 0 || value > 1) {
            throw new IllegalArgumentException("identity model: " + key + " must be a probability above 0 and at "
                    + "most 1, got " + value);
        }
        return value;
    }

    private static double number(Properties p, String key) {
        String value = required(p, key);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("identity model: " + key + " must be a number, got '" + value + "'");
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("identity model: " + key
                    + " is missing (config/identity-matching.properties lists every key)");
        }
        return value;
    }
}
