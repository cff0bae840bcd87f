package org.joinedup.hub.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.people.Person;

/**
 * What people decide about identity: confirming a proposed link (the two people become one), rejecting it (they stay
 * apart, and matching never joins those records by itself), and splitting records off a person that was wrongly
 * merged. Each decision is kept as a {@link MatchDecision} and in the audit.
 */
@ApplicationScoped
public class IdentityReviews {

    @Inject
    PersonMerger merger;

    /** Why a decision cannot be made as asked (the review is closed, the records are not the person's...). */
    public static class DecisionRefused extends RuntimeException {
        public DecisionRefused(String message) {
            super(message);
        }
    }

    /**
     * The two records are one person: the review's record's person is merged into the candidate's person (the one the
     * hub knew first survives).
     */
    @Transactional
    public Person confirm(UUID reviewId, String by, String note) {
        MatchReview review = open(reviewId);
        Person a = review.candidate.person;
        Person b = review.record.person;
        Person survivor = a.createdAt.isAfter(b.createdAt) ? b : a;
        Person merged = survivor == a ? b : a;
        MatchDecision.record(review.record, review.candidate, MatchDecision.Kind.SAME, by, note);
        review.record.linkMethod = SourceRecord.LinkMethod.MANUAL;
        review.record.linkReason = "confirmed by " + by + (note == null ? "" : ": " + note);
        review.record.updatedAt = Instant.now();
        close(review, MatchReview.Status.CONFIRMED, by, note);
        IdentityAudit.log(by, IdentityAudit.Action.CONFIRMED, survivor.id, merged.id, review.record.id,
                "review " + review.id + " confirmed" + (note == null ? "" : ": " + note));
        merger.merge(merged, survivor, by, "review " + review.id + " confirmed");
        return Person.findById(survivor.id);
    }

    /** The two records are different people; matching will never link them by itself. */
    @Transactional
    public void reject(UUID reviewId, String by, String note) {
        MatchReview review = open(reviewId);
        MatchDecision.record(review.record, review.candidate, MatchDecision.Kind.DIFFERENT, by, note);
        close(review, MatchReview.Status.REJECTED, by, note);
        IdentityAudit.log(by, IdentityAudit.Action.REJECTED, review.candidate.person.id, review.record.person.id,
                review.record.id, "review " + review.id + " rejected" + (note == null ? "" : ": " + note));
    }

    /**
     * Makes a new person of the given records of a person wrongly merged; what those records brought goes with them,
     * and matching will not join them again by itself.
     */
    @Transactional
    public Person split(UUID personId, List<UUID> recordIds, String by, String reason) {
        Person person = Person.findById(personId);
        if (person == null || person.mergedInto != null) {
            throw new DecisionRefused("no person " + personId + (person == null ? "" : " (merged into "
                    + person.mergedInto + ")"));
        }
        if (recordIds == null || recordIds.isEmpty()) {
            throw new DecisionRefused("sourceRecordIds: name the source records to split off");
        }
        if (reason == null || reason.isBlank()) {
            throw new DecisionRefused("reason: say why these records are someone else");
        }
        List<SourceRecord> all = SourceRecord.list("person", person);
        Set<UUID> asked = new LinkedHashSet<>(recordIds);
        List<SourceRecord> apart = new ArrayList<>();
        List<SourceRecord> staying = new ArrayList<>();
        for (SourceRecord record : all) {
            (asked.remove(record.id) ? apart : staying).add(record);
        }
        if (!asked.isEmpty()) {
            throw new DecisionRefused("sourceRecordIds: " + asked + " are not records of person " + personId);
        }
        if (staying.isEmpty()) {
            throw new DecisionRefused("sourceRecordIds: every record of person " + personId
                    + " was named; at least one must stay");
        }
        for (SourceRecord away : apart) {
            for (SourceRecord stay : staying) {
                MatchDecision.record(away, stay, MatchDecision.Kind.DIFFERENT, by, reason);
            }
            away.linkReason = "split off by " + by + ": " + reason;
        }
        return merger.split(person, apart, by, reason);
    }

    private static MatchReview open(UUID reviewId) {
        MatchReview review = MatchReview.findById(reviewId);
        if (review == null) {
            throw new DecisionRefused("no review " + reviewId);
        }
        if (review.status != MatchReview.Status.OPEN) {
            throw new DecisionRefused("review " + reviewId + " is " + review.status + " (decided by "
                    + review.decidedBy + ")");
        }
        return review;
    }

    private static void close(MatchReview review, MatchReview.Status status, String by, String note) {
        review.status = status;
        review.decidedAt = Instant.now();
        review.decidedBy = by;
        review.decisionNote = note;
    }
}
