package org.joinedup.benchmarks.identity;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.joinedup.benchmarks.identity.SyntheticPopulation.SourceRow;
import org.joinedup.model.identity.BlockingRule;
import org.joinedup.model.identity.Comparison;
import org.joinedup.model.identity.LinkDecider;
import org.joinedup.model.identity.LinkDecider.Candidate;
import org.joinedup.model.identity.LinkDecision;
import org.joinedup.model.identity.MatchModel;
import org.joinedup.model.identity.MatchRecord;
import org.joinedup.model.identity.TermFrequencies;

/**
 * Links a synthetic population with ground truth through the hub's own matching ({@link LinkDecider} with the
 * model in {@code config/identity-matching.properties}), record by record in arrival order as the hub does, and
 * prints pairwise precision and recall and the throughput.
 *
 * <p>Options ({@code --key=value}): {@code --records} (1,000,000: people are generated until their agencies' records
 * reach this many), {@code --seed} (1), {@code --model} (a weights file; default the packaged one),
 * {@code --histogram=true} (print the match weight of each record's best candidate, same person or not: what the
 * thresholds are chosen from).
 *
 * <p>What is timed: normalising each record (names, Double Metaphone codes, postcode), blocking, comparing with every
 * candidate, deciding, indexing the record. Generating the population is not timed. Candidates come from an
 * in-memory index of blocking keys instead of the hub's PostgreSQL table of the same keys; the decisions are made by
 * the same code.
 */
public final class IdentityMatchingBenchmark {

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        MatchModel model;
        if (options.containsKey("model")) {
            try (Reader in = new FileReader(options.get("model"))) {
                model = MatchModel.load(in);
            }
        } else {
            model = MatchModel.defaults();
        }

        long generating = System.nanoTime();
        int people = (int) (records / 2.5);
        SyntheticPopulation population = new SyntheticPopulation(seed, people);
        List<SourceRow> rows = population.generate(people);
        while (rows.size() > records) {
            rows.remove(rows.size() - 1);
        }
        System.out.printf("generated %,d source records of %,d people in %.1f s%n", rows.size(), people,
                (System.nanoTime() - generating) / 1e9);

        Linking linking = new Linking(model, rows, Boolean.parseBoolean(options.getOrDefault("histogram", "false")));
        long start = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
            linking.link(i, rows.get(i));
            if ((i + 1) % 200_000 == 0) {
                System.out.printf("  %,d linked, %.1f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        if (linking.histogram) {
            System.out.println("match weight of each record's best candidate: same person / different person");
            for (int bin = 0; bin < 60; bin++) {
                if (linking.bestRight[bin] + linking.bestWrong[bin] > 0) {
                    System.out.printf("  %4d  %,9d  %,9d%n", bin - 20, linking.bestRight[bin], linking.bestWrong[bin]);
                }
            }
        }
        Quality quality = Quality.of(rows, linking.personOf, linking.reviewTruePairs, linking.reviews);
        System.out.printf("linked %,d source records in %.1f s: %,.0f records/s; %,d people made (truth: %,d)%n",
                rows.size(), seconds, rows.size() / seconds, linking.peopleMade, people);
        System.out.printf("links: by identifier %,d, by score %,d; new people %,d; proposed for review %,d "
                + "(%,d of them right)%n", linking.byIdentifier, linking.byScore, linking.peopleMade, linking.reviews,
                linking.reviewTruePairs);
        System.out.printf("pairwise precision %.4f, recall %.4f (true pairs %,d, linked pairs %,d, right %,d)%n",
                quality.precision(), quality.recall(), quality.truePairs, quality.linkedPairs, quality.rightPairs);
        System.out.printf("blocks too large to score: %,d look-ups of a rule's key (narrowed instead), %,d of a narrowed"
                + " key%n", linking.tooLarge, linking.tooLargeNarrowed);
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("memory: %,d MB of heap in use after linking (population, records and blocking index),"
                + " %,d MB the most the JVM may use%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20);
        boolean met = quality.precision() >= 0.99 && quality.recall() >= 0.95
                && (rows.size() < 1_000_000 || seconds <= 60);
        System.out.printf("target (precision >= 0.99, recall >= 0.95, 1,000,000 records in <= 60 s): %s%n",
                met ? "MET" : "NOT MET" + (rows.size() < 1_000_000 ? " (run with --records=1000000 for the time)" : ""));
    }

    /** The hub's linking, record by record, with an in-memory blocking index and name frequencies. */
    private static final class Linking {
        private final MatchModel model;
        private final LinkDecider decider;
        private final Map<String, int[]> index = new HashMap<>();
        private final Map<String, Integer> given = new HashMap<>();
        private final Map<String, Integer> family = new HashMap<>();
        private final MatchRecord[] records;
        final int[] personOf;
        private final int[] seen;
        private int linked;
        int peopleMade;
        int byIdentifier;
        int byScore;
        int reviews;
        int reviewTruePairs;
        /** Blocks skipped as too large: a rule's key (narrowed in its stead), and narrowed keys too large still. */
        long tooLarge;
        long tooLargeNarrowed;
        /** Best candidate per record by match weight (bins of 1 from -20 to 39): the same person, or not. */
        final long[] bestRight = new long[60];
        final long[] bestWrong = new long[60];
        private final List<SourceRow> rowsForTruth;
        private final boolean histogram;

        Linking(MatchModel model, List<SourceRow> rows, boolean histogram) {
            this.histogram = histogram;
            int size = rows.size();
            this.rowsForTruth = rows;
            this.model = model;
            this.decider = new LinkDecider(model);
            this.records = new MatchRecord[size];
            this.personOf = new int[size];
            this.seen = new int[size];
        }

        private final TermFrequencies frequencies = (comparison, value) -> {
            Map<String, Integer> counts = comparison == Comparison.GIVEN_NAME ? given
                    : comparison == Comparison.FAMILY_NAME ? family : null;
            if (counts == null || linked < 1000) {
                return 0.0;
            }
            Integer count = counts.get(value);
            return count == null ? 0.0 : (double) count / linked;
        };

        void link(int i, SourceRow row) {
            MatchRecord record = MatchRecord.of(Integer.toString(i), row.givenName(), row.familyName(),
                    row.birthDate(), row.postcode(), null, row.nhsNumber(), row.nhsVerified(), row.niNumber(),
                    row.niNumber() != null); // only the DWP's records carry NI numbers here: verified
            records[i] = record;
            List<String> keys = BlockingRule.keys(record, model.blockingRules());
            List<Candidate> candidates = new ArrayList<>();
            for (String key : keys) {
                int[] bucket = index.get(key);
                if (bucket == null || bucket[0] > model.maxBlockSize()) {
                    if (bucket != null) {
                        if (key.indexOf("+:") > 0) {
                            tooLargeNarrowed++;
                        } else {
                            tooLarge++;
                        }
                    }
                    continue; // too loose a block, as the hub skips it (its narrowed key still counts)
                }
                for (int k = 1; k <= bucket[0]; k++) {
                    int other = bucket[k];
                    if (seen[other] != i + 1) {
                        seen[other] = i + 1;
                        candidates.add(new Candidate(Integer.toString(personOf[other]), records[other]));
                    }
                }
            }
            LinkDecision decision = decider.decide(record, candidates, frequencies, Set.of());
            if (histogram && decision.score() != null) {
                int bin = (int) Math.max(-20, Math.min(39, Math.floor(decision.score().weight()))) + 20;
                String best = decision.linked() ? decision.personId()
                        : decision.reviews().isEmpty() ? null : decision.reviews().get(0).personId();
                if (best == null) {
                    best = bestPerson(record, candidates);
                }
                boolean right = rowsForTruth.get(Integer.parseInt(best)).truePerson() == row.truePerson();
                (right ? bestRight : bestWrong)[bin]++;
            }
            if (decision.linked()) {
                personOf[i] = Integer.parseInt(decision.personId());
                if (decision.outcome() == LinkDecision.Outcome.LINKED_BY_IDENTIFIER) {
                    byIdentifier++;
                } else {
                    byScore++;
                }
            } else {
                personOf[i] = i;
                peopleMade++;
                reviews += decision.reviews().size();
                for (LinkDecision.Proposal proposal : decision.reviews()) {
                    // a person's id is the index of its first record
                    if (rowsForTruth.get(Integer.parseInt(proposal.personId())).truePerson() == row.truePerson()) {
                        reviewTruePairs++;
                    }
                }
            }
            for (String key : keys) {
                index.compute(key, (k, bucket) -> append(bucket, i));
            }
            if (record.givenName() != null) {
                given.merge(record.givenName(), 1, Integer::sum);
            }
            if (record.familyName() != null) {
                family.merge(record.familyName(), 1, Integer::sum);
            }
            linked++;
        }

        /** For the histogram only: the person of the best-scoring candidate. */
        private String bestPerson(MatchRecord record, List<Candidate> candidates) {
            String best = null;
            double bestWeight = Double.NEGATIVE_INFINITY;
            for (Candidate candidate : candidates) {
                double weight = model.weight(record, candidate.record(), frequencies);
                if (weight > bestWeight) {
                    bestWeight = weight;
                    best = candidate.personId();
                }
            }
            return best;
        }

        private static int[] append(int[] bucket, int value) {
            if (bucket == null) {
                bucket = new int[3];
            } else if (bucket[0] + 1 == bucket.length) {
                bucket = java.util.Arrays.copyOf(bucket, bucket.length * 2);
            }
            bucket[++bucket[0]] = value;
            return bucket;
        }
    }

    /** Pairwise precision and recall of the people made against the truth. */
    private record Quality(long truePairs, long linkedPairs, long rightPairs) {

        static Quality of(List<SourceRow> rows, int[] personOf, int reviewTruePairs, int reviews) {
            Map<Integer, Integer> truth = new HashMap<>();
            Map<Integer, Integer> made = new HashMap<>();
            Map<Long, Integer> both = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                truth.merge(rows.get(i).truePerson(), 1, Integer::sum);
                made.merge(personOf[i], 1, Integer::sum);
                both.merge(((long) personOf[i] << 32) | rows.get(i).truePerson(), 1, Integer::sum);
            }
            return new Quality(pairs(truth), pairs(made), pairs(both));
        }

        private static <K> long pairs(Map<K, Integer> groups) {
            long pairs = 0;
            for (int n : groups.values()) {
                pairs += (long) n * (n - 1) / 2;
            }
            return pairs;
        }

        double precision() {
            return linkedPairs == 0 ? 1.0 : (double) rightPairs / linkedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1.0 : (double) rightPairs / truePairs;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --key=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
