package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.value.OutcomeReview;
import org.joinedup.model.value.OutcomeReview.Change;
import org.joinedup.model.value.OutcomeReview.GoalOutcome;
import org.joinedup.model.value.OutcomeReview.LifeAspect;
import org.junit.jupiter.api.Test;

class OutcomeReviewMapperTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    /** Dave's first review: quality of life better, feeling safe the same, money worse; his sister helped. */
    static QuestionnaireResponse daves() {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire("https://joinedup.org.uk/fhir/Questionnaire/outcome-review|1.0.0");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.addItem().setLinkId("reviewed-on").addAnswer().setValue(new DateType("2026-11-30"));
        QuestionnaireResponseItemComponent aspects = response.addItem().setLinkId("aspects");
        for (LifeAspect aspect : LifeAspect.values()) {
            String change = switch (aspect) {
                case SAFE_AT_HOME -> "same";
                case ECONOMIC_WELLBEING -> "worse";
                default -> "better";
            };
            aspects.addItem().setLinkId(aspect.code()).addAnswer().setValue(new Coding(
                    "https://joinedup.org.uk/fhir/CodeSystem/outcome-change", change, null));
        }
        response.addItem().setLinkId("own-answer").addAnswer().setValue(new BooleanType(false));
        response.addItem().setLinkId("helped-by").addAnswer().setValue(new StringType("Julie, his sister"));
        response.addItem().setLinkId("own-words").addAnswer().setValue(new StringType("I go to the allotment now."));
        goal(response, "Get out of the house twice a week", "met");
        goal(response, "Back at work part time", "partly-met");
        return response;
    }

    private static void goal(QuestionnaireResponse response, String text, String outcome) {
        QuestionnaireResponseItemComponent goal = response.addItem().setLinkId("goal");
        goal.addItem().setLinkId("goal.text").addAnswer().setValue(new StringType(text));
        goal.addItem().setLinkId("goal.outcome").addAnswer().setValue(new Coding(
                "https://joinedup.org.uk/fhir/CodeSystem/goal-outcome", outcome, null));
    }

    @Test
    void theQuestionnaireIsValidFhirWithTheEightAspectsAndARepeatedGoal() {
        Questionnaire questionnaire = OutcomeReviewQuestionnaire.build();
        FhirTestSupport.assertValidFhir("outcome review", questionnaire);
        assertEquals(List.of("health-and-wellbeing", "time-with-people", "quality-of-life", "community-life",
                "safe-at-home", "choice-and-control", "dignity", "economic-wellbeing"), questionnaire.getItem().get(1)
                        .getItem().stream().map(Questionnaire.QuestionnaireItemComponent::getLinkId).toList());
        assertEquals(List.of("better", "same", "worse"), questionnaire.getItem().get(1).getItemFirstRep()
                .getAnswerOption().stream().map(o -> o.getValueCoding().getCode()).toList());
        Questionnaire.QuestionnaireItemComponent goal = questionnaire.getItem().get(5);
        assertEquals("goal", goal.getLinkId());
        assertTrue(goal.getRepeats());
    }

    @Test
    void aCompleteResponseIsTheReviewTheJsonApiWouldRecord() {
        FhirTestSupport.assertValidFhir("Dave's review", daves());
        OutcomeReview review = OutcomeReviewMapper.read(daves(), TODAY);
        assertEquals(LocalDate.of(2026, 11, 30), review.reviewedOn());
        assertEquals(Change.BETTER, review.aspects().get(LifeAspect.QUALITY_OF_LIFE));
        assertEquals(Change.SAME, review.aspects().get(LifeAspect.SAFE_AT_HOME));
        assertEquals(Change.WORSE, review.aspects().get(LifeAspect.ECONOMIC_WELLBEING));
        assertEquals("Julie, his sister", review.helpedBy());
        assertEquals("I go to the allotment now.", review.ownWords());
        assertEquals(List.of(new OutcomeReview.GoalResult("Get out of the house twice a week", GoalOutcome.MET),
                new OutcomeReview.GoalResult("Back at work part time", GoalOutcome.PARTLY_MET)), review.goals());
    }

    @Test
    void aReviewWrittenOutReadsBackTheSame() {
        OutcomeReview review = OutcomeReviewMapper.read(daves(), TODAY);
        QuestionnaireResponse written = OutcomeReviewMapper.write(review);
        FhirTestSupport.assertValidFhir("written review", written);
        assertEquals(review, OutcomeReviewMapper.read(written, TODAY));
        assertEquals("false", written.getItem().get(2).getAnswerFirstRep().getValue().primitiveValue(),
                "someone helped");
    }

    @Test
    void everyProblemIsNamedAtItsItem() {
        QuestionnaireResponse response = daves();
        response.setQuestionnaire("https://joinedup.org.uk/fhir/Questionnaire/outcome-review|0.9");
        QuestionnaireResponseItemComponent aspects = response.getItem().get(1);
        aspects.getItem().remove(7); // economic well-being not answered
        aspects.getItem().get(2).getAnswerFirstRep().setValue(new Coding(
                "https://joinedup.org.uk/fhir/CodeSystem/outcome-change", "much-better", null));
        aspects.addItem().setLinkId("happiness").addAnswer().setValue(new StringType("yes"));
        response.getItem().remove(3); // someone helped, but who is not said
        response.getItem().get(5).getItem().remove(1); // the second goal without whether it was met
        response.addItem().setLinkId("reviewed-on").addAnswer().setValue(new DateType("2026-12-01"));

        InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                () -> OutcomeReviewMapper.read(response, TODAY));
        Map<String, String> problems = refused.issues().stream().collect(Collectors.toMap(ValidationIssue::expression,
                ValidationIssue::reason, (a, b) -> a + "; " + b));
        String aspect = "QuestionnaireResponse.item.where(linkId='aspects')";
        assertTrue(problems.get("QuestionnaireResponse.questionnaire").contains("outcome-review|1.0.0"), problems
                .toString());
        assertTrue(problems.get(aspect + ".item.where(linkId='quality-of-life').answer").contains("much-better"),
                problems.toString());
        assertTrue(problems.get(aspect + ".item.where(linkId='happiness')").contains("no aspect"), problems.toString());
        assertTrue(problems.get(aspect + ".item.where(linkId='economic-wellbeing')").contains("required"),
                problems.toString());
        assertTrue(problems.get("QuestionnaireResponse.item.where(linkId='helped-by')").contains("who helped"),
                problems.toString());
        assertTrue(problems.get("QuestionnaireResponse.item.where(linkId='goal')[1].item.where(linkId='goal.outcome')")
                .contains("required"), problems.toString());
        assertTrue(problems.get("QuestionnaireResponse.item.where(linkId='reviewed-on')").contains("more than once"),
                problems.toString());
        assertEquals(7, problems.size(), problems.toString());
    }

    @Test
    void anAnswerOfTheWrongKindIsNamedOnce() {
        QuestionnaireResponse response = daves();
        response.getItem().get(0).getAnswerFirstRep().setValue(new StringType("last Tuesday"));
        InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                () -> OutcomeReviewMapper.read(response, TODAY));
        List<String> at = refused.issues().stream().map(ValidationIssue::expression).toList();
        assertEquals(List.of("QuestionnaireResponse.item.where(linkId='reviewed-on').answer"), at,
                "the answer's kind, not also that the date is missing");
    }
}
