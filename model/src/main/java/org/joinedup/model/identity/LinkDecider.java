package org.joinedup.model.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which person an incoming source record belongs to, among the candidates blocking found (records already
 * linked to people). In order:
 * <ol>
 * <li>people a person has said this record does not belong to are never candidates (manual decisions win);</li>
 * <li>a strong identifier (a verified NHS number, a valid NI number) shared with exactly one person links to that
 * person, unless that person holds a different NHS or NI number: conflicting strong identifiers are never merged
 * automatically and go to review, as do strong identifiers pointing at two different people;</li>
 * <li>otherwise the Fellegi-Sunter match weight against each person (the best of their records): at or above the
 * link threshold links, between the thresholds proposes a link for review, below makes a new person.</li>
 * </ol>
 */
public final class LinkDecider {

    private final MatchModel model;

    public LinkDecider(MatchModel model) {
        this.model = model;
    }

    /** A record blocking found, and the person it is linked to. */
    public record Candidate(String personId, MatchRecord record) {
    }

    public LinkDecision decide(MatchRecord incoming, Collection<Candidate> candidates, TermFrequencies frequencies,
            Set<String> rejectedPersonIds) {
        Map<String, List<MatchRecord>> byPerson = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            if (!rejectedPersonIds.contains(candidate.personId())) {
                byPerson.computeIfAbsent(candidate.personId(), id -> new ArrayList<>()).add(candidate.record());
            }
        }
        List<LinkDecision.Proposal> reviews = new ArrayList<>();
        List<String> identified = new ArrayList<>();
        for (Map.Entry<String, List<MatchRecord>> person : byPerson.entrySet()) {
            String shared = sharedStrongIdentifier(incoming, person.getValue());
            if (shared == null) {
                continue;
            }
            String conflict = conflictWith(incoming, person.getValue());
            if (conflict == null) {
                identified.add(person.getKey());
            } else {
                MatchRecord best = best(incoming, person.getValue(), frequencies);
                reviews.add(new LinkDecision.Proposal(person.getKey(), best.id(),
                        model.score(incoming, best, frequencies), "same " + shared + " but " + conflict));
            }
        }
        if (identified.size() == 1 && reviews.isEmpty()) {
            return new LinkDecision(LinkDecision.Outcome.LINKED_BY_IDENTIFIER, identified.get(0), null,
                    "same " + sharedStrongIdentifier(incoming, byPerson.get(identified.get(0))), List.of());
        }
        if (!identified.isEmpty() || !reviews.isEmpty()) {
            for (String personId : identified) {
                MatchRecord best = best(incoming, byPerson.get(personId), frequencies);
                reviews.add(new LinkDecision.Proposal(personId, best.id(), model.score(incoming, best, frequencies),
                        "strong identifiers of this record point at more than one person"));
            }
            return new LinkDecision(LinkDecision.Outcome.NEW_PERSON, null, null,
                    "strong identifiers conflict: a person must decide", List.copyOf(reviews));
        }
        return decideByScore(incoming, byPerson, frequencies);
    }

    private LinkDecision decideByScore(MatchRecord incoming, Map<String, List<MatchRecord>> byPerson,
            TermFrequencies frequencies) {
        String bestPerson = null;
        MatchRecord bestRecord = null;
        double bestWeight = Double.NEGATIVE_INFINITY;
        int conflicting = 0;
        for (Map.Entry<String, List<MatchRecord>> person : byPerson.entrySet()) {
            if (conflictWith(incoming, person.getValue()) != null) {
                // a different NHS or NI number: evidence enough that this is someone else (a twin, a parent)
                conflicting++;
                continue;
            }
            for (MatchRecord record : person.getValue()) {
                double weight = model.weight(incoming, record, frequencies);
                if (weight > bestWeight) {
                    bestWeight = weight;
                    bestPerson = person.getKey();
                    bestRecord = record;
                }
            }
        }
        if (bestPerson == null) {
            return new LinkDecision(LinkDecision.Outcome.NEW_PERSON, null, null, conflicting == 0
                    ? "no candidate records" : "every candidate holds a different NHS or NI number", List.of());
        }
        MatchScore score = model.score(incoming, bestRecord, frequencies);
        boolean givenNamesDiffer = model.reviewWhenGivenNamesDiffer() && score.parts().stream()
                .anyMatch(part -> part.comparison() == Comparison.GIVEN_NAME
                        && part.level() == ComparisonLevel.DIFFERENT);
        if (score.weight() >= model.linkThreshold() && !givenNamesDiffer) {
            return new LinkDecision(LinkDecision.Outcome.LINKED_BY_SCORE, bestPerson, score,
                    "match weight " + round(score.weight()) + " at or above the link threshold "
                            + round(model.linkThreshold()),
                    List.of());
        }
        if (score.weight() >= model.reviewThreshold()) {
            String why = score.weight() >= model.linkThreshold()
                    ? "match weight " + round(score.weight()) + " but the given names differ (twins are alike in "
                            + "everything else)"
                    : "match weight " + round(score.weight()) + " between the review threshold "
                            + round(model.reviewThreshold()) + " and the link threshold "
                            + round(model.linkThreshold());
            return new LinkDecision(LinkDecision.Outcome.NEW_PERSON, null, score, why + ": proposed for review",
                    List.of(new LinkDecision.Proposal(bestPerson, bestRecord.id(), score, why)));
        }
        return new LinkDecision(LinkDecision.Outcome.NEW_PERSON, null, score,
                "best match weight " + round(score.weight()) + " below the review threshold "
                        + round(model.reviewThreshold()),
                List.of());
    }

    private MatchRecord best(MatchRecord incoming, List<MatchRecord> records, TermFrequencies frequencies) {
        MatchRecord best = records.get(0);
        double bestWeight = Double.NEGATIVE_INFINITY;
        for (MatchRecord record : records) {
            double weight = model.weight(incoming, record, frequencies);
            if (weight > bestWeight) {
                bestWeight = weight;
                best = record;
            }
        }
        return best;
    }

    /** "NHS number 943 476 5919" or "NI number ...", when one of the person's records shares it; else null. */
    private static String sharedStrongIdentifier(MatchRecord incoming, List<MatchRecord> records) {
        for (MatchRecord record : records) {
            if (incoming.nhsNumberVerified() && record.nhsNumberVerified()
                    && incoming.nhsNumber().equals(record.nhsNumber())) {
                return "verified NHS number " + incoming.nhsNumber();
            }
            if (incoming.niNumber() != null && incoming.niNumber().equals(record.niNumber())) {
                return "NI number " + incoming.niNumber();
            }
        }
        return null;
    }

    /**
     * Why the incoming record cannot join this person automatically: the person holds NHS (or NI) numbers and none
     * of them is the incoming record's.
     */
    private static String conflictWith(MatchRecord incoming, List<MatchRecord> records) {
        String nhs = conflictOn(incoming.nhsNumber(), records.stream().map(MatchRecord::nhsNumber).toList(),
                "NHS number");
        return nhs != null ? nhs
                : conflictOn(incoming.niNumber(), records.stream().map(MatchRecord::niNumber).toList(), "NI number");
    }

    private static String conflictOn(String value, List<String> held, String what) {
        if (value == null) {
            return null;
        }
        List<String> known = held.stream().filter(v -> v != null).distinct().toList();
        if (known.isEmpty() || known.contains(value)) {
            return null;
        }
        return "a different " + what + " (" + value + " here, " + String.join(", ", known) + " held)";
    }

    private static String round(double weight) {
        return String.format(java.util.Locale.ROOT, "%.1f", weight);
    }
}
