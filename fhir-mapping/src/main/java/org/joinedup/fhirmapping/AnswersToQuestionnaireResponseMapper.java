package org.joinedup.fhirmapping;

import java.util.Map;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The hub's JSON API for assessments takes answers as a flat map of linkId to value (text, a code such as
 * {@code "substantial"}, true or false); this makes the {@code QuestionnaireResponse} they stand for, nested as the
 * Questionnaire is, so both entry points are checked by the same {@link QuestionnaireResponseToAssessmentMapper}.
 * A value of the wrong kind is carried over as it is, for the check to report; a linkId the Questionnaire does not
 * have becomes a top-level item, likewise.
 */
public final class AnswersToQuestionnaireResponseMapper {

    private final Questionnaire questionnaire;

    public AnswersToQuestionnaireResponseMapper(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
    }

    public QuestionnaireResponse map(Map<String, Object> answers) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaire.getUrl() + "|" + questionnaire.getVersion());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (QuestionnaireItemComponent item : questionnaire.getItem()) {
            QuestionnaireResponseItemComponent answered = answer(item, answers, used);
            if (answered != null) {
                response.addItem(answered);
            }
        }
        answers.forEach((linkId, value) -> {
            if (!used.contains(linkId)) {
                response.addItem().setLinkId(linkId).addAnswer().setValue(new StringType(String.valueOf(value)));
            }
        });
        return response;
    }

    private static QuestionnaireResponseItemComponent answer(QuestionnaireItemComponent item,
            Map<String, Object> answers, java.util.Set<String> used) {
        QuestionnaireResponseItemComponent out = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
        if (item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
            for (QuestionnaireItemComponent child : item.getItem()) {
                QuestionnaireResponseItemComponent answered = answer(child, answers, used);
                if (answered != null) {
                    out.addItem(answered);
                }
            }
            return out.getItem().isEmpty() ? null : out;
        }
        if (!answers.containsKey(item.getLinkId()) || answers.get(item.getLinkId()) == null) {
            return null;
        }
        used.add(item.getLinkId());
        out.addAnswer().setValue(value(item, answers.get(item.getLinkId())));
        return out;
    }

    private static Type value(QuestionnaireItemComponent item, Object value) {
        return switch (item.getType()) {
            case BOOLEAN -> value instanceof Boolean b ? new BooleanType(b) : new StringType(String.valueOf(value));
            case CHOICE -> value instanceof String code ? new Coding(FhirSystems.SUPPORT_NEED, code, null)
                    : new StringType(String.valueOf(value));
            default -> new StringType(String.valueOf(value));
        };
    }
}
