package org.joinedup.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.junit.jupiter.api.Test;

class OutcomeReviewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    private static Map<String, String> allBetterBut(String aspect, String change) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String code : List.of("health-and-wellbeing", "time-with-people", "quality-of-life", "community-life",
                "safe-at-home", "choice-and-control", "dignity", "economic-wellbeing")) {
            answers.put(code, "BETTER");
        }
        answers.put(aspect, change);
        return answers;
    }

    @Test
    void aWholeReviewReadsAsThePersonGaveIt() {
        OutcomeReview review = OutcomeReview.check("2026-11-30", allBetterBut("economic-wellbeing", "same"), false,
                "her daughter", "  I go to the allotment on Tuesdays now. ", List.of(Map.of("goal", "Get out more",
                        "outcome", "MET"), Map.of("goal", "Cook for myself", "outcome", "partly_met")), TODAY);
        assertEquals(LocalDate.of(2026, 11, 30), review.reviewedOn());
        assertEquals(OutcomeReview.Change.SAME, review.aspects().get(OutcomeReview.LifeAspect.ECONOMIC_WELLBEING));
        assertEquals(OutcomeReview.Change.BETTER, review.aspects().get(OutcomeReview.LifeAspect.DIGNITY));
        assertEquals("her daughter", review.helpedBy());
        assertEquals("I go to the allotment on Tuesdays now.", review.ownWords());
        assertEquals(List.of(new OutcomeReview.GoalResult("Get out more", OutcomeReview.GoalOutcome.MET),
                new OutcomeReview.GoalResult("Cook for myself", OutcomeReview.GoalOutcome.PARTLY_MET)), review.goals());
    }

    @Test
    void everyProblemIsNamedByItsFieldAtOnce() {
        Map<String, String> answers = allBetterBut("dignity", "MUCH BETTER");
        answers.remove("safe-at-home");
        answers.put("happiness", "BETTER");
        InvalidMessageException refused = assertThrows(InvalidMessageException.class, () -> OutcomeReview.check(
                "2026-12-04", answers, false, " ", null, List.of(Map.of("goal", "Get out more"),
                        Map.of("outcome", "MET")), TODAY));
        assertEquals(List.of("reviewedOn", "aspects.dignity", "aspects.happiness", "aspects.safe-at-home",
                "helpedBy", "goals[1].outcome", "goals[2].goal"), refused.issues().stream()
                .map(ValidationIssue::expression).toList());
        assertEquals("'MUCH BETTER' is not BETTER, SAME or WORSE", refused.issues().get(1).reason());
        assertEquals("2026-12-04 is after today (2026-12-03)", refused.issues().get(0).reason());
    }

    @Test
    void aPersonWhoAnsweredAloneHadNoHelperAndAReviewNeedsItsGoals() {
        InvalidMessageException refused = assertThrows(InvalidMessageException.class, () -> OutcomeReview.check(
                "2026-11-30", allBetterBut("dignity", "WORSE"), true, "a neighbour", null, List.of(), TODAY));
        assertEquals(List.of("helpedBy", "goals"), refused.issues().stream().map(ValidationIssue::expression)
                .toList());
        InvalidMessageException unsaid = assertThrows(InvalidMessageException.class, () -> OutcomeReview.check(
                "2026-11-30", allBetterBut("dignity", "WORSE"), null, null, null, List.of(Map.of("goal", "x",
                        "outcome", "NOT_MET")), TODAY));
        assertEquals(List.of("ownAnswer"), unsaid.issues().stream().map(ValidationIssue::expression).toList());
    }
}
