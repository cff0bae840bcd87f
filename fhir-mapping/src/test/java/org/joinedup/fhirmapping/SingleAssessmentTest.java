package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.assessment.AssessmentDomain;
import org.joinedup.model.assessment.AssessmentFlag;
import org.joinedup.model.assessment.AssessmentScores;
import org.junit.jupiter.api.Test;

class SingleAssessmentTest {

    private final Questionnaire questionnaire = SingleAssessmentQuestionnaire.build();
    private final AnswersToQuestionnaireResponseMapper answers = new AnswersToQuestionnaireResponseMapper(questionnaire);
    private final QuestionnaireResponseToAssessmentMapper mapper =
            new QuestionnaireResponseToAssessmentMapper(questionnaire);

    /** A complete assessment: every domain's need, what matters, and a few flags and own words. */
    static Map<String, Object> complete() {
        Map<String, Object> a = new HashMap<>();
        a.put("what-matters.important", "Being a good dad to Sam and Kayleigh, and keeping my flat");
        a.put("what-matters.future", "Back at work part time");
        for (AssessmentDomain domain : AssessmentDomain.values()) {
            a.put(domain.needLinkId(), "none");
        }
        a.put("personal-care.need", "substantial");
        a.put("safety.need", "moderate");
        a.put("health.need", "substantial");
        a.put("home.need", "moderate");
        a.put("home.adaptation-needed", true);
        a.put("health.continuing-care-eligible", false);
        a.put("personal-care.own-words", "Mornings are the hardest; I need help to shower and dress.");
        return a;
    }

    @Test
    void theQuestionnaireIsValidFhirAndCoversWhatMattersAndEveryDomain() {
        FhirTestSupport.assertValidFhir("single assessment", questionnaire);
        assertEquals("what-matters", questionnaire.getItem().get(0).getLinkId());
        assertEquals(1 + AssessmentDomain.values().length, questionnaire.getItem().size());
        assertEquals("28", questionnaire.getItem().get(1).getItemFirstRep().getAnswerOption().get(4).getValueCoding()
                .getExtensionByUrl(FhirSystems.ORDINAL_VALUE).getValue().primitiveValue());
    }

    @Test
    void aCompleteResponseGivesPointsPerDomainFlagsAndTheOwnWords() {
        QuestionnaireResponse response = answers.map(complete());
        FhirTestSupport.assertValidFhir("complete response", response);
        AssessmentScores scores = mapper.map(response);
        assertEquals(18, scores.points(AssessmentDomain.PERSONAL_CARE));
        assertEquals(10, scores.points(AssessmentDomain.SAFETY));
        assertEquals(12, scores.points(AssessmentDomain.HEALTH));
        assertEquals(5, scores.points(AssessmentDomain.HOME));
        assertEquals(0, scores.points(AssessmentDomain.WORK));
        assertEquals(45, scores.totalPoints());
        assertEquals(Set.of(AssessmentFlag.HOME_ADAPTATION_NEEDED), scores.flags());
        assertEquals("Mornings are the hardest; I need help to shower and dress.",
                scores.ownWords().get("personal-care.own-words"));
        assertEquals("Being a good dad to Sam and Kayleigh, and keeping my flat",
                scores.ownWords().get("what-matters.important"));
    }

    @Test
    void aPartialResponseIsRefusedNamingEveryMissingRequiredItem() {
        Map<String, Object> partial = complete();
        partial.remove("what-matters.important");
        partial.remove("money.need");
        List<ValidationIssue> issues = issues(answers.map(partial));
        assertEquals(List.of("QuestionnaireResponse.item.where(linkId='what-matters.important')",
                "QuestionnaireResponse.item.where(linkId='money.need')"),
                issues.stream().map(ValidationIssue::expression).toList());
        assertTrue(issues.get(1).reason().contains("is required"), issues.get(1).reason());
    }

    @Test
    void wrongTypesAndUnknownCodesAndItemsAreRefusedItemByItem() {
        Map<String, Object> wrong = complete();
        wrong.put("home.adaptation-needed", "yes please");
        wrong.put("safety.need", "extreme");
        wrong.put("personal-care.own-words", 42);
        wrong.put("favourite-colour", "green");
        List<ValidationIssue> issues = issues(answers.map(wrong));
        List<String> reasons = issues.stream().map(i -> i.expression() + ": " + i.reason()).toList();
        assertEquals(3, issues.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("linkId='home.adaptation-needed')")
                && r.contains("takes yes or no")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("linkId='safety.need')")
                && r.contains("does not allow") && r.contains("extreme")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("no item 'favourite-colour'")), reasons.toString());
    }

    @Test
    void aResponseToAnotherQuestionnaireOrStillInProgressIsRefused() {
        QuestionnaireResponse response = answers.map(complete());
        response.setQuestionnaire("https://example.org/Questionnaire/other|1");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        assertEquals(List.of("QuestionnaireResponse.questionnaire", "QuestionnaireResponse.status"),
                issues(response).stream().map(ValidationIssue::expression).toList());
    }

    private List<ValidationIssue> issues(QuestionnaireResponse response) {
        return assertThrows(InvalidMessageException.class, () -> mapper.map(response)).issues();
    }
}
