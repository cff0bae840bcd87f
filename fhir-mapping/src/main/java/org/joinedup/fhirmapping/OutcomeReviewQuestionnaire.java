package org.joinedup.fhirmapping;

import java.util.Locale;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.joinedup.model.value.OutcomeReview.Change;
import org.joinedup.model.value.OutcomeReview.GoalOutcome;
import org.joinedup.model.value.OutcomeReview.LifeAspect;

/**
 * The plan review as a FHIR R4 {@code Questionnaire} ({@code outcome-review}): the day of the review; for each of
 * the eight aspects of life, better, the same or worse since the plan started; whether the person answered alone or
 * who helped; their own words; and, repeated once per goal of the plan, the goal and whether it was met, partly met
 * or not met.
 */
public final class OutcomeReviewQuestionnaire {

    public static final String ID = "outcome-review";
    public static final String VERSION = "1.0.0";
    public static final String REVIEWED_ON = "reviewed-on";
    public static final String ASPECTS = "aspects";
    public static final String OWN_ANSWER = "own-answer";
    public static final String HELPED_BY = "helped-by";
    public static final String OWN_WORDS = "own-words";
    public static final String GOAL = "goal";
    public static final String GOAL_TEXT = "goal.text";
    public static final String GOAL_OUTCOME = "goal.outcome";

    private OutcomeReviewQuestionnaire() {
    }

    /** The canonical reference a response names: {@code url|version}. */
    public static String canonical() {
        return FhirSystems.OUTCOME_REVIEW + "|" + VERSION;
    }

    /** An answer's code: {@code better}, {@code partly-met}. */
    public static String code(Enum<?> answer) {
        return answer.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Questionnaire build() {
        Questionnaire q = new Questionnaire();
        q.setId(ID);
        q.setUrl(FhirSystems.OUTCOME_REVIEW);
        q.setVersion(VERSION);
        q.setName("JoinedUpOutcomeReview");
        q.setTitle("Reviewing your support plan: what has changed since it started");
        q.setStatus(PublicationStatus.ACTIVE);
        q.setPublisher("JoinedUp");
        q.addSubjectType("Patient");
        q.setDescription("Completed with the person at each review of their support plan, in their own answer. The"
                + " eight aspects of life are those the national evaluation of personal budgets asks about; the"
                + " value report counts each person's latest review.");
        q.addItem().setLinkId(REVIEWED_ON).setText("When was the review?").setType(QuestionnaireItemType.DATE)
                .setRequired(true);
        QuestionnaireItemComponent aspects = q.addItem().setLinkId(ASPECTS)
                .setText("Since your plan started, is each of these better, the same or worse?")
                .setType(QuestionnaireItemType.GROUP).setRequired(true);
        for (LifeAspect aspect : LifeAspect.values()) {
            QuestionnaireItemComponent item = aspects.addItem().setLinkId(aspect.code()).setText(aspect.label())
                    .setType(QuestionnaireItemType.CHOICE).setRequired(true);
            for (Change change : Change.values()) {
                item.addAnswerOption().setValue(new Coding(FhirSystems.OUTCOME_CHANGE, code(change),
                        switch (change) {
                            case BETTER -> "Better";
                            case SAME -> "The same";
                            case WORSE -> "Worse";
                        }));
            }
        }
        q.addItem().setLinkId(OWN_ANSWER).setText("Did you answer these questions yourself?")
                .setType(QuestionnaireItemType.BOOLEAN).setRequired(true);
        QuestionnaireItemComponent helped = q.addItem().setLinkId(HELPED_BY).setText("Who helped you answer?")
                .setType(QuestionnaireItemType.STRING).setMaxLength(org.joinedup.model.value.OutcomeReview.MOST_HELPER);
        helped.addEnableWhen().setQuestion(OWN_ANSWER).setOperator(QuestionnaireItemOperator.EQUAL)
                .setAnswer(new BooleanType(false));
        q.addItem().setLinkId(OWN_WORDS).setText("In your own words: what has changed?")
                .setType(QuestionnaireItemType.TEXT).setMaxLength(org.joinedup.model.value.OutcomeReview.MOST_WORDS);
        QuestionnaireItemComponent goal = q.addItem().setLinkId(GOAL).setText("Each goal of your plan")
                .setType(QuestionnaireItemType.GROUP).setRequired(true).setRepeats(true);
        goal.addItem().setLinkId(GOAL_TEXT).setText("The goal, as the plan says it").setType(QuestionnaireItemType.STRING)
                .setRequired(true).setMaxLength(org.joinedup.model.value.OutcomeReview.MOST_GOAL);
        QuestionnaireItemComponent met = goal.addItem().setLinkId(GOAL_OUTCOME).setText("Has it been met?")
                .setType(QuestionnaireItemType.CHOICE).setRequired(true);
        for (GoalOutcome outcome : GoalOutcome.values()) {
            met.addAnswerOption().setValue(new Coding(FhirSystems.GOAL_OUTCOME, code(outcome), switch (outcome) {
                case MET -> "Met";
                case PARTLY_MET -> "Partly met";
                case NOT_MET -> "Not met";
            }));
        }
        return q;
    }
}
