package org.joinedup.hub.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.joinedup.fhirmapping.FhirSystems;

/**
 * The single assessment's pages, made from the FHIR {@code Questionnaire} itself (so the form and the API never
 * disagree): one section per top-level group, one question per item; a choice's options with their points.
 */
public final class AssessmentForm {

    /** An answer option: its code, its words and the points it carries. */
    public record Option(String code, String display, int points) {
    }

    /** A question: its linkId, its words, its kind ({@code text}, {@code choice}, {@code boolean}), required or not. */
    public record Question(String linkId, String text, String type, boolean required, List<Option> options) {

        /** The id of the field on the page (a linkId has dots, which CSS selectors and anchors dislike). */
        public String fieldId() {
            return linkId.replace('.', '-');
        }
    }

    /** A section: a top-level group of the Questionnaire, with its position. */
    public record Section(int number, String linkId, String title, List<Question> questions) {
    }

    private AssessmentForm() {
    }

    public static List<Section> sections(Questionnaire questionnaire) {
        List<Section> sections = new ArrayList<>();
        for (QuestionnaireItemComponent group : questionnaire.getItem()) {
            List<Question> questions = new ArrayList<>();
            for (QuestionnaireItemComponent item : group.getItem()) {
                List<Option> options = new ArrayList<>();
                for (var option : item.getAnswerOption()) {
                    Coding coding = option.getValueCoding();
                    var ordinal = coding.getExtensionByUrl(FhirSystems.ORDINAL_VALUE);
                    options.add(new Option(coding.getCode(), coding.getDisplay(), ordinal == null ? 0
                            : ((org.hl7.fhir.r4.model.DecimalType) ordinal.getValue()).getValue().intValue()));
                }
                questions.add(new Question(item.getLinkId(), item.getText(), type(item.getType()), item.getRequired(),
                        options));
            }
            sections.add(new Section(sections.size() + 1, group.getLinkId(), group.getText(), questions));
        }
        return sections;
    }

    /**
     * The answers a section's form sent, by linkId (blank ones left out, yes/no as booleans), and an error per
     * required question left unanswered or answer not among the options.
     */
    public static Map<String, String> read(Section section, Map<String, String> form, Map<String, Object> into) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Question q : section.questions()) {
            String value = form.get(q.linkId());
            into.remove(q.linkId());
            if (value == null || value.isBlank()) {
                if (q.required()) {
                    errors.put(q.fieldId(), q.type().equals("text") ? "Enter an answer to: " + q.text()
                            : "Select an answer to: " + q.text());
                }
                continue;
            }
            switch (q.type()) {
                case "boolean" -> into.put(q.linkId(), Boolean.valueOf(value.equals("true")));
                case "choice" -> {
                    if (q.options().stream().noneMatch(o -> o.code().equals(value))) {
                        errors.put(q.fieldId(), "Select one of the answers to: " + q.text());
                    } else {
                        into.put(q.linkId(), value);
                    }
                }
                default -> {
                    if (value.length() > 4000) {
                        errors.put(q.fieldId(), "The answer must be 4,000 characters or fewer");
                    } else {
                        into.put(q.linkId(), value.strip());
                    }
                }
            }
        }
        return errors;
    }

    /** The answers as the page writes them back into its fields: every value as text. */
    public static Map<String, String> asText(Map<String, Object> answers) {
        Map<String, String> text = new LinkedHashMap<>();
        answers.forEach((k, v) -> text.put(k, v == null ? null : String.valueOf(v)));
        return text;
    }

    /** Whether every required question of the section has an answer. */
    public static boolean complete(Section section, Map<String, Object> answers) {
        return section.questions().stream().allMatch(q -> !q.required() || answers.get(q.linkId()) != null);
    }

    private static String type(QuestionnaireItemType type) {
        return switch (type) {
            case CHOICE -> "choice";
            case BOOLEAN -> "boolean";
            default -> "text";
        };
    }
}
