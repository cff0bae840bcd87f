package org.joinedup.fhirmapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.joinedup.model.assessment.AssessmentDomain;
import org.joinedup.model.assessment.AssessmentFlag;
import org.joinedup.model.assessment.AssessmentScores;

/**
 * Checks a {@code QuestionnaireResponse} against the single assessment {@code Questionnaire} and reads its scores:
 * the response must name the Questionnaire and its version and be completed; every required item answered; every
 * answer of its item's type (text for text, a listed code for a choice, true/false for a yes/no); no items the
 * Questionnaire does not have, and one answer each. Every problem is reported at once, each with the item's path
 * ({@code QuestionnaireResponse.item.where(linkId='...')}); nothing is read from a response with problems.
 */
public final class QuestionnaireResponseToAssessmentMapper {

    private final Questionnaire questionnaire;
    private final Map<String, QuestionnaireItemComponent> items = new LinkedHashMap<>();

    public QuestionnaireResponseToAssessmentMapper(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
        index(questionnaire.getItem());
    }

    private void index(List<QuestionnaireItemComponent> level) {
        for (QuestionnaireItemComponent item : level) {
            items.put(item.getLinkId(), item);
            index(item.getItem());
        }
    }

    public AssessmentScores map(QuestionnaireResponse response) {
        IssueCollector issues = new IssueCollector();
        String expected = questionnaire.getUrl() + "|" + questionnaire.getVersion();
        if (!expected.equals(response.getQuestionnaire())) {
            issues.add("QuestionnaireResponse.questionnaire", "must be " + expected + ", got '"
                    + response.getQuestionnaire() + "'");
        }
        if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) {
            issues.add("QuestionnaireResponse.status", "must be completed to be an assessment, got '"
                    + (response.getStatus() == null ? null : response.getStatus().toCode()) + "'");
        }
        Map<String, List<Type>> answers = new HashMap<>();
        collect(response.getItem(), "QuestionnaireResponse", answers, issues);
        for (QuestionnaireItemComponent item : items.values()) {
            if (item.getRequired() && item.getType() != Questionnaire.QuestionnaireItemType.GROUP
                    && answers.getOrDefault(item.getLinkId(), List.of()).isEmpty()) {
                issues.add(path(item.getLinkId()), "'" + item.getText() + "' is required");
            }
        }
        issues.throwIfAny();
        return scores(answers);
    }

    private void collect(List<QuestionnaireResponseItemComponent> level, String parent,
            Map<String, List<Type>> answers, IssueCollector issues) {
        for (QuestionnaireResponseItemComponent item : level) {
            String linkId = item.getLinkId();
            String where = parent + ".item.where(linkId='" + linkId + "')";
            QuestionnaireItemComponent definition = items.get(linkId);
            if (definition == null) {
                issues.add(where, "the single assessment has no item '" + linkId + "'");
                continue;
            }
            if (answers.containsKey(linkId)) {
                issues.add(where, "item '" + linkId + "' appears more than once");
                continue;
            }
            List<Type> values = new ArrayList<>();
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                values.add(answer.getValue());
            }
            if (values.size() > 1 && !definition.getRepeats()) {
                issues.add(where, "item '" + linkId + "' takes one answer, got " + values.size());
            }
            for (Type value : values) {
                String problem = typeProblem(definition, value);
                if (problem != null) {
                    issues.add(where + ".answer", problem);
                }
            }
            answers.put(linkId, values);
            collect(item.getItem(), where, answers, issues);
        }
    }

    private static String typeProblem(QuestionnaireItemComponent item, Type value) {
        switch (item.getType()) {
            case TEXT, STRING -> {
                return value instanceof StringType s && s.getValue() != null && !s.getValue().isBlank() ? null
                        : "'" + item.getLinkId() + "' takes text (valueString)";
            }
            case BOOLEAN -> {
                return value instanceof BooleanType b && b.getValue() != null ? null
                        : "'" + item.getLinkId() + "' takes yes or no (valueBoolean)";
            }
            case CHOICE -> {
                if (!(value instanceof Coding coding)) {
                    return "'" + item.getLinkId() + "' takes one of its codes (valueCoding)";
                }
                boolean listed = item.getAnswerOption().stream().map(o -> (Coding) o.getValue())
                        .anyMatch(o -> o.getSystem().equals(coding.getSystem()) && o.getCode().equals(coding.getCode()));
                return listed ? null : "'" + item.getLinkId() + "' does not allow " + coding.getSystem() + "|"
                        + coding.getCode() + "; allowed: " + item.getAnswerOption().stream()
                                .map(o -> ((Coding) o.getValue()).getCode()).toList();
            }
            case GROUP -> {
                return "'" + item.getLinkId() + "' is a group and takes no answer";
            }
            default -> {
                return "'" + item.getLinkId() + "' has a type the hub does not read: " + item.getType().toCode();
            }
        }
    }

    private static String path(String linkId) {
        return "QuestionnaireResponse.item.where(linkId='" + linkId + "')";
    }

    private static AssessmentScores scores(Map<String, List<Type>> answers) {
        List<AssessmentScores.ScoredAnswer> scored = new ArrayList<>();
        for (AssessmentDomain domain : AssessmentDomain.values()) {
            List<Type> need = answers.getOrDefault(domain.needLinkId(), List.of());
            if (!need.isEmpty()) {
                AssessmentDomain.Need level = AssessmentDomain.Need.ofCode(((Coding) need.get(0)).getCode());
                scored.add(new AssessmentScores.ScoredAnswer(domain.needLinkId(), domain, level,
                        domain.points(level)));
            }
        }
        Set<AssessmentFlag> flags = EnumSet.noneOf(AssessmentFlag.class);
        for (AssessmentFlag flag : AssessmentFlag.values()) {
            List<Type> yes = answers.getOrDefault(flag.linkId(), List.of());
            if (!yes.isEmpty() && ((BooleanType) yes.get(0)).booleanValue()) {
                flags.add(flag);
            }
        }
        Map<String, String> words = new LinkedHashMap<>();
        answers.forEach((linkId, values) -> {
            if (!values.isEmpty() && values.get(0) instanceof StringType text) {
                words.put(linkId, text.getValue());
            }
        });
        return AssessmentScores.of(scored, flags, words);
    }
}
