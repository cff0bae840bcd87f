package org.joinedup.fhirmapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.value.OutcomeReview;
import org.joinedup.model.value.OutcomeReview.Change;
import org.joinedup.model.value.OutcomeReview.GoalOutcome;
import org.joinedup.model.value.OutcomeReview.LifeAspect;

import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.ASPECTS;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.GOAL;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.GOAL_OUTCOME;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.GOAL_TEXT;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.HELPED_BY;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.OWN_ANSWER;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.OWN_WORDS;
import static org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.REVIEWED_ON;

/**
 * A plan review to and from a {@code QuestionnaireResponse} of the {@code outcome-review} Questionnaire. Reading
 * checks the response item by item, as the JSON API's review is checked ({@link OutcomeReview#check}, so both entry
 * points take the same reviews): it must name the Questionnaire and its version and be completed; each item is one
 * the Questionnaire has, once (a goal once per goal), with one answer of its type and, for a choice, one of its
 * codes. Every problem is reported at once with the item's path
 * ({@code QuestionnaireResponse.item.where(linkId='aspects').item.where(linkId='dignity')}).
 */
public final class OutcomeReviewMapper {

    private static final String RESPONSE = "QuestionnaireResponse";
    private static final Pattern GOAL_PATH = Pattern.compile("goals\\[(\\d+)]\\.(goal|outcome)");

    private OutcomeReviewMapper() {
    }

    public static OutcomeReview read(QuestionnaireResponse response, LocalDate today) {
        IssueCollector issues = new IssueCollector();
        if (!OutcomeReviewQuestionnaire.canonical().equals(response.getQuestionnaire())) {
            issues.add("QuestionnaireResponse.questionnaire", "must be " + OutcomeReviewQuestionnaire.canonical()
                    + ", got '" + response.getQuestionnaire() + "'");
        }
        if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) {
            issues.add("QuestionnaireResponse.status", "must be completed to be a review, got '"
                    + (response.getStatus() == null ? null : response.getStatus().toCode()) + "'");
        }
        String reviewedOn = null;
        Map<String, String> aspects = new LinkedHashMap<>();
        Boolean ownAnswer = null;
        String helpedBy = null;
        String ownWords = null;
        List<Map<String, String>> goals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (QuestionnaireResponseItemComponent item : response.getItem()) {
            String linkId = item.getLinkId();
            String where = at(RESPONSE, linkId);
            if (!GOAL.equals(linkId) && !seen.add(String.valueOf(linkId))) {
                issues.add(where, "item '" + linkId + "' appears more than once");
                continue;
            }
            switch (String.valueOf(linkId)) {
                case REVIEWED_ON -> {
                    DateType date = one(item, where, DateType.class, "a date (valueDate)", issues);
                    reviewedOn = date == null ? null : date.getValueAsString();
                }
                case ASPECTS -> readAspects(item, where, aspects, issues);
                case OWN_ANSWER -> {
                    BooleanType yes = one(item, where, BooleanType.class, "yes or no (valueBoolean)", issues);
                    ownAnswer = yes == null ? null : yes.getValue();
                }
                case HELPED_BY -> helpedBy = text(item, where, issues);
                case OWN_WORDS -> ownWords = text(item, where, issues);
                case GOAL -> goals.add(readGoal(item, where + "[" + goals.size() + "]", issues));
                default -> issues.add(where, "the outcome review has no item '" + linkId + "'");
            }
        }
        try {
            OutcomeReview review = OutcomeReview.check(reviewedOn, aspects, ownAnswer, helpedBy, ownWords, goals,
                    today);
            issues.throwIfAny();
            return review;
        } catch (InvalidMessageException invalid) {
            // what was said of an item already (an answer of the wrong kind) is not said again as missing
            List<String> said = issues.expressions();
            issues.addAll(invalid.issues().stream().map(OutcomeReviewMapper::inResponse)
                    .filter(issue -> said.stream().noneMatch(s -> s.startsWith(issue.expression()))).toList());
            issues.throwIfAny();
            throw invalid;
        }
    }

    /** The review as a completed response; the caller adds its id, subject, author and when. */
    public static QuestionnaireResponse write(OutcomeReview review) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(OutcomeReviewQuestionnaire.canonical());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.addItem().setLinkId(REVIEWED_ON).addAnswer().setValue(new DateType(review.reviewedOn().toString()));
        QuestionnaireResponseItemComponent aspects = response.addItem().setLinkId(ASPECTS);
        review.aspects().forEach((aspect, change) -> aspects.addItem().setLinkId(aspect.code()).addAnswer()
                .setValue(new Coding(FhirSystems.OUTCOME_CHANGE, OutcomeReviewQuestionnaire.code(change), null)));
        response.addItem().setLinkId(OWN_ANSWER).addAnswer().setValue(new BooleanType(review.helpedBy() == null));
        if (review.helpedBy() != null) {
            response.addItem().setLinkId(HELPED_BY).addAnswer().setValue(new StringType(review.helpedBy()));
        }
        if (review.ownWords() != null) {
            response.addItem().setLinkId(OWN_WORDS).addAnswer().setValue(new StringType(review.ownWords()));
        }
        for (OutcomeReview.GoalResult goal : review.goals()) {
            QuestionnaireResponseItemComponent item = response.addItem().setLinkId(GOAL);
            item.addItem().setLinkId(GOAL_TEXT).addAnswer().setValue(new StringType(goal.goal()));
            item.addItem().setLinkId(GOAL_OUTCOME).addAnswer().setValue(new Coding(FhirSystems.GOAL_OUTCOME,
                    OutcomeReviewQuestionnaire.code(goal.outcome()), null));
        }
        return response;
    }

    private static void readAspects(QuestionnaireResponseItemComponent group, String where,
            Map<String, String> aspects, IssueCollector issues) {
        if (group.hasAnswer()) {
            issues.add(where, "'" + ASPECTS + "' is a group and takes no answer");
        }
        for (QuestionnaireResponseItemComponent item : group.getItem()) {
            String at = at(where, item.getLinkId());
            if (LifeAspect.ofCode(item.getLinkId()).isEmpty()) {
                issues.add(at, "the outcome review has no aspect '" + item.getLinkId() + "'");
            } else if (aspects.containsKey(item.getLinkId())) {
                issues.add(at, "item '" + item.getLinkId() + "' appears more than once");
            } else if (item.hasAnswer()) {
                Change change = coded(item, at, FhirSystems.OUTCOME_CHANGE, Change.class, issues);
                // a missing or wrong answer is said here; the check then only says what is missing altogether
                aspects.put(item.getLinkId(), change == null ? Change.SAME.name() : change.name());
            }
        }
    }

    private static Map<String, String> readGoal(QuestionnaireResponseItemComponent group, String where,
            IssueCollector issues) {
        Map<String, String> goal = new LinkedHashMap<>();
        if (group.hasAnswer()) {
            issues.add(where, "'" + GOAL + "' is a group and takes no answer");
        }
        for (QuestionnaireResponseItemComponent item : group.getItem()) {
            String at = at(where, item.getLinkId());
            if (goal.containsKey(item.getLinkId())) {
                issues.add(at, "item '" + item.getLinkId() + "' appears more than once");
            } else if (!item.hasAnswer() && (GOAL_TEXT.equals(item.getLinkId())
                    || GOAL_OUTCOME.equals(item.getLinkId()))) {
                continue; // the check says it is required
            } else if (GOAL_TEXT.equals(item.getLinkId())) {
                goal.put(GOAL_TEXT, text(item, at, issues));
            } else if (GOAL_OUTCOME.equals(item.getLinkId())) {
                GoalOutcome outcome = coded(item, at, FhirSystems.GOAL_OUTCOME, GoalOutcome.class, issues);
                goal.put(GOAL_OUTCOME, outcome == null ? null : outcome.name());
            } else {
                issues.add(at, "a goal has no item '" + item.getLinkId() + "'");
            }
        }
        Map<String, String> asChecked = new LinkedHashMap<>();
        asChecked.put("goal", goal.get(GOAL_TEXT));
        asChecked.put("outcome", goal.get(GOAL_OUTCOME));
        if (goal.containsKey(GOAL_OUTCOME) && goal.get(GOAL_OUTCOME) == null) {
            asChecked.put("outcome", GoalOutcome.MET.name()); // its wrong answer is said already
        }
        if (goal.containsKey(GOAL_TEXT) && goal.get(GOAL_TEXT) == null) {
            asChecked.put("goal", "(said already)");
        }
        return asChecked;
    }

    private static <E extends Enum<E>> E coded(QuestionnaireResponseItemComponent item, String where, String system,
            Class<E> kind, IssueCollector issues) {
        Coding coding = one(item, where, Coding.class, "one of its codes (valueCoding)", issues);
        if (coding == null) {
            return null;
        }
        for (E value : kind.getEnumConstants()) {
            if (system.equals(coding.getSystem()) && OutcomeReviewQuestionnaire.code(value).equals(coding.getCode())) {
                return value;
            }
        }
        issues.add(where + ".answer", "'" + item.getLinkId() + "' does not allow " + coding.getSystem() + "|"
                + coding.getCode() + "; allowed: " + system + " " + java.util.Arrays.stream(kind.getEnumConstants())
                        .map(OutcomeReviewQuestionnaire::code).toList());
        return null;
    }

    private static String text(QuestionnaireResponseItemComponent item, String where, IssueCollector issues) {
        StringType text = one(item, where, StringType.class, "text (valueString)", issues);
        return text == null ? null : text.getValue();
    }

    /** The item's one answer if it is of the kind the item takes; else null, after saying why. */
    private static <T extends Type> T one(QuestionnaireResponseItemComponent item, String where, Class<T> kind,
            String takes, IssueCollector issues) {
        if (item.getAnswer().size() > 1) {
            issues.add(where, "item '" + item.getLinkId() + "' takes one answer, got " + item.getAnswer().size());
            return null;
        }
        if (item.getAnswer().isEmpty()) {
            return null; // the check says whether it was required
        }
        Type value = item.getAnswerFirstRep().getValue();
        if (!kind.isInstance(value) || value.isEmpty()) {
            issues.add(where + ".answer", "'" + item.getLinkId() + "' takes " + takes);
            return null;
        }
        return kind.cast(value);
    }

    private static String at(String parent, String linkId) {
        return parent + ".item.where(linkId='" + linkId + "')";
    }

    /** An issue of the JSON check, at the response's item it is about. */
    private static ValidationIssue inResponse(ValidationIssue issue) {
        String path = issue.expression();
        Matcher goal = GOAL_PATH.matcher(path);
        String at;
        if (goal.matches()) {
            at = at(at(RESPONSE, GOAL) + "[" + (Integer.parseInt(goal.group(1)) - 1) + "]",
                    "goal".equals(goal.group(2)) ? GOAL_TEXT : GOAL_OUTCOME);
        } else if (path.startsWith("aspects.")) {
            at = at(at(RESPONSE, ASPECTS), path.substring("aspects.".length()));
        } else {
            at = at(RESPONSE, switch (path) {
                case "reviewedOn" -> REVIEWED_ON;
                case "ownAnswer" -> OWN_ANSWER;
                case "helpedBy" -> HELPED_BY;
                case "ownWords" -> OWN_WORDS;
                case "goals" -> GOAL;
                default -> path;
            });
        }
        return new ValidationIssue(at, issue.reason().replace("ownAnswer true", "own-answer true")
                .replace("(then helpedBy)", "(then helped-by)")
                .replace("MET, PARTLY_MET or NOT_MET", "met, partly-met or not-met"));
    }
}
