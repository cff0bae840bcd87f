package org.joinedup.model.identity;

import java.util.List;

/**
 * What to do with an incoming source record, and why.
 *
 * @param outcome  link to an existing person, or make a new person (possibly with links for review)
 * @param personId the person linked to ({@link Outcome#LINKED_BY_IDENTIFIER}, {@link Outcome#LINKED_BY_SCORE}), or
 *                 null for a new person
 * @param score    the comparison with the best candidate record of that person (null when linked by identifier or
 *                 when no candidate was compared)
 * @param reason   in words: which identifier linked, or why no link was made automatically
 * @param reviews  proposed links a person must confirm or reject (the record is kept as a new person meanwhile)
 */
public record LinkDecision(Outcome outcome, String personId, MatchScore score, String reason,
        List<Proposal> reviews) {

    public enum Outcome {
        LINKED_BY_IDENTIFIER,
        LINKED_BY_SCORE,
        NEW_PERSON
    }

    /** A link the model could not make alone: the person proposed, the evidence, and why it needs a person. */
    public record Proposal(String personId, String candidateRecordId, MatchScore score, String reason) {
    }

    public boolean linked() {
        return outcome != Outcome.NEW_PERSON;
    }
}
