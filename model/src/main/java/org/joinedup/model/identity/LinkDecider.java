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
 * <li>an NHS or NI number verified on both records (traced on the Spine; issued by the DWP) shared with exactly one
 * person links to that person, unless that person holds a different NHS or NI number: conflicting identifiers are
 * never merged automatically and go to review, as do identifiers pointing at two different people;</li>
 * <li>a shared NHS or NI number not verified on both records (typed by a housing officer, untraced) links only when
 * the names and birth date corroborate it ({@code identifier.unverified.corroboration-weight}); otherwise the pair
 * goes to review and that person is not linked by score either: the identifier is never enough alone;</li>
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
        List<LinkDecision.Proposal> uncorroborated = new ArrayList<>();
        Map<String, Identified> identified = new LinkedHashMap<>();
        for (Map.Entry<String, List<MatchRecord>> person : byPerson.entrySet()) {
            String strong = sharedStrongIdentifier(incoming, person.getValue());
            MatchRecord claimed = strong == null ? sharingUnverified(incoming, person.getValue()) : null;
            if (strong == null && claimed == null) {
                continue;
            }
            String conflict = conflictWith(incoming, person.getValue());
            if (conflict != null) {
                MatchRecord best = best(incoming, person.getValue(), frequencies);
                reviews.add(new LinkDecision.Proposal(person.getKey(), best.id(),
                        model.score(incoming, best, frequencies),
                        "same " + (strong != null ? strong : unverified(incoming, claimed)) + " but " + conflict));
            } else if (strong != null) {
                identified.put(person.getKey(), new Identified("same " + strong, null));
            } else {
                MatchScore score = model.score(incoming, claimed, frequencies);
                double names = MatchModel.corroboration(score);
                String evidence = "the names and birth date weigh " + round(names);
                boolean twins = model.reviewWhenGivenNamesDiffer() && score.parts().stream()
                        .anyMatch(part -> part.comparison() == Comparison.GIVEN_NAME
                                && part.level() == ComparisonLevel.DIFFERENT);
                if (twins && names >= model.corroborationWeight()) {
                    // a twin's number typed on the other twin's record: alike in all but the given name
                    evidence = "the given names differ outright (twins are alike in everything else)";
                    names = Double.NEGATIVE_INFINITY;
                } else {
                    twins = false;
                }
                if (names >= model.corroborationWeight()) {
                    identified.put(person.getKey(), new Identified("same " + unverified(incoming, claimed)
                            + ", corroborated: " + evidence + " (at least " + round(model.corroborationWeight())
                            + ")", score));
                } else {
                    uncorroborated.add(new LinkDecision.Proposal(person.getKey(), claimed.id(), score, "same "
                            + unverified(incoming, claimed) + " but " + evidence + (twins ? "" : ", below the "
                            + round(model.corroborationWeight()) + " that must corroborate an identifier no agency"
                            + " verified")));
                }
            }
        }
        if (identified.size() == 1 && reviews.isEmpty()) {
            Map.Entry<String, Identified> only = identified.entrySet().iterator().next();
            return new LinkDecision(LinkDecision.Outcome.LINKED_BY_IDENTIFIER, only.getKey(), only.getValue().score(),
                    only.getValue().reason(), List.copyOf(uncorroborated));
        }
        if (!identified.isEmpty() || !reviews.isEmpty()) {
            for (String personId : identified.keySet()) {
                MatchRecord best = best(incoming, byPerson.get(personId), frequencies);
                reviews.add(new LinkDecision.Proposal(personId, best.id(), model.score(incoming, best, frequencies),
                        "strong identifiers of this record point at more than one person"));
            }
            reviews.addAll(uncorroborated);
            return new LinkDecision(LinkDecision.Outcome.NEW_PERSON, null, null,
                    "strong identifiers conflict: a person must decide", List.copyOf(reviews));
        }
        if (uncorroborated.isEmpty()) {
            return decideByScore(incoming, byPerson, frequencies);
        }
        // the people an uncorroborated identifier points at are for a person to judge, never linked by score (the
        // identifier's own weight would carry the link); the rest are matched as usual
        uncorroborated.forEach(p -> byPerson.remove(p.personId()));
        LinkDecision others = decideByScore(incoming, byPerson, frequencies);
        List<LinkDecision.Proposal> all = new ArrayList<>(others.reviews());
        all.addAll(uncorroborated);
        String reason = others.linked() ? others.reason() : uncorroborated.get(0).reason() + ": proposed for review";
        return new LinkDecision(others.outcome(), others.personId(),
                others.score() != null ? others.score() : uncorroborated.get(0).score(), reason, List.copyOf(all));
    }

    /** A person an identifier links to, why, and the comparison that corroborated it (null for a verified one). */
    private record Identified(String reason, MatchScore score) {
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

    /**
     * "verified NHS number 9434765919" or "verified NI number ...", when one of the person's records shares it and
     * both records have it verified; else null.
     */
    private static String sharedStrongIdentifier(MatchRecord incoming, List<MatchRecord> records) {
        for (MatchRecord record : records) {
            if (incoming.nhsNumberVerified() && record.nhsNumberVerified()
                    && incoming.nhsNumber().equals(record.nhsNumber())) {
                return "verified NHS number " + incoming.nhsNumber();
            }
            if (incoming.niNumberVerified() && record.niNumberVerified()
                    && incoming.niNumber().equals(record.niNumber())) {
                return "verified NI number " + incoming.niNumber();
            }
        }
        return null;
    }

    /** A record of the person holding the incoming record's NHS or NI number, verified on one side at most. */
    private static MatchRecord sharingUnverified(MatchRecord incoming, List<MatchRecord> records) {
        for (MatchRecord record : records) {
            if (incoming.nhsNumber() != null && incoming.nhsNumber().equals(record.nhsNumber())
                    || incoming.niNumber() != null && incoming.niNumber().equals(record.niNumber())) {
                return record;
            }
        }
        return null;
    }

    /** "NI number AB123456C (not verified on both records)". */
    private static String unverified(MatchRecord incoming, MatchRecord record) {
        boolean nhs = incoming.nhsNumber() != null && incoming.nhsNumber().equals(record.nhsNumber());
        return (nhs ? "NHS number " + incoming.nhsNumber() : "NI number " + incoming.niNumber())
                + " (not verified on both records)";
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
