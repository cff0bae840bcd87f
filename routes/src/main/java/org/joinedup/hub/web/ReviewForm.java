package org.joinedup.hub.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.joinedup.hub.value.OutcomeReviewsResource.ReviewRequest;
import org.joinedup.model.value.OutcomeReview;
import org.joinedup.model.value.OutcomeReview.LifeAspect;

/**
 * A plan review as the coordinator fills it in with the person: each aspect of life better, the same or worse; who
 * answered; their own words; each goal of the plan met, partly met or not met. Checked question by question in
 * words for the page; the API checks it again, as it does every review.
 */
public class ReviewForm {

    /** One question of the form as the page shows it: its field, its words, what was chosen, what is wrong. */
    public record Question(String field, String label, String answer, String error) {
    }

    public static final List<PlanLineForm.Choice> CHANGES = List.of(new PlanLineForm.Choice("BETTER", "Better"),
            new PlanLineForm.Choice("SAME", "The same"), new PlanLineForm.Choice("WORSE", "Worse"));
    public static final List<PlanLineForm.Choice> GOAL_OUTCOMES = List.of(new PlanLineForm.Choice("MET", "Met"),
            new PlanLineForm.Choice("PARTLY_MET", "Partly met"), new PlanLineForm.Choice("NOT_MET", "Not met"));

    public static final List<PlanLineForm.Choice> WHO_ANSWERED = List.of(new PlanLineForm.Choice("yes", "Yes"),
            new PlanLineForm.Choice("no", "No, someone helped"));

    public String reviewedOn;
    public final Map<String, String> aspects = new LinkedHashMap<>();
    public String ownAnswer;
    public String helpedBy;
    public String ownWords;
    /** The plan's goals, in its order, and what was chosen for each. */
    public final List<String> goals;
    public final List<String> outcomes = new ArrayList<>();
    /** The plan version reviewed: a plan revised meanwhile is not reviewed by a form made for the old one. */
    public String planVersion;
    /** Made with the form, so a form sent twice records one review. */
    public String reference;
    public final Map<String, String> errors = new LinkedHashMap<>();

    private ReviewForm(List<String> goals) {
        this.goals = goals;
    }

    /** A new form for the plan's goals, reviewed today. */
    static ReviewForm blank(List<String> goals, int planVersion, LocalDate today) {
        ReviewForm form = new ReviewForm(goals);
        form.reviewedOn = today.toString();
        goals.forEach(g -> form.outcomes.add(null));
        form.planVersion = Integer.toString(planVersion);
        form.reference = newReference();
        return form;
    }

    /** The form as posted (the goals are the plan's, never the browser's). */
    static ReviewForm posted(List<String> goals) {
        ReviewForm form = new ReviewForm(goals);
        form.reviewedOn = field("reviewedOn");
        for (LifeAspect aspect : LifeAspect.values()) {
            form.aspects.put(aspect.code(), field(aspect.code()));
        }
        form.ownAnswer = field("ownAnswer");
        form.helpedBy = field("helpedBy");
        form.ownWords = field("ownWords");
        for (int i = 1; i <= goals.size(); i++) {
            form.outcomes.add(field("outcome-" + i));
        }
        form.planVersion = field("planVersion");
        form.reference = field("reference");
        if (form.reference == null || !form.reference.matches("review-[0-9a-f-]{36}")) {
            form.reference = newReference(); // an old form without one: recorded once from now on
        }
        return form;
    }

    private static String newReference() {
        return "review-" + java.util.UUID.randomUUID();
    }

    /** The plan changed under the form: its goals are the new plan's, so what was chosen for the old ones goes. */
    void planChanged(int version) {
        planVersion = Integer.toString(version);
        java.util.Collections.fill(outcomes, null);
    }

    private static String field(String name) {
        Object value = CurrentRequestManager.get().getFormParameter(name, true, false);
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    public ReviewForm check(LocalDate today) {
        errors.clear();
        if (reviewedOn == null) {
            errors.put("reviewedOn", "Enter the day of the review");
        } else {
            try {
                if (LocalDate.parse(reviewedOn).isAfter(today)) {
                    errors.put("reviewedOn", "The day of the review must be today or in the past");
                }
            } catch (DateTimeParseException notADate) {
                errors.put("reviewedOn", "Enter the day as year-month-day, for example 2026-11-30");
            }
        }
        for (LifeAspect aspect : LifeAspect.values()) {
            String answer = aspects.get(aspect.code());
            if (CHANGES.stream().noneMatch(c -> c.value().equals(answer))) {
                errors.put(aspect.code(), "Select whether " + aspect.label().toLowerCase(java.util.Locale.UK)
                        + " is better, the same or worse");
            }
        }
        if (!"yes".equals(ownAnswer) && !"no".equals(ownAnswer)) {
            errors.put("ownAnswer", "Select whether they answered themselves");
        } else if ("no".equals(ownAnswer) && helpedBy == null) {
            errors.put("helpedBy", "Enter who helped them answer");
        } else if ("no".equals(ownAnswer) && helpedBy.length() > OutcomeReview.MOST_HELPER) {
            errors.put("helpedBy", "Who helped must be " + OutcomeReview.MOST_HELPER + " characters or fewer");
        }
        if (ownWords != null && ownWords.length() > OutcomeReview.MOST_WORDS) {
            errors.put("ownWords", "Their words must be " + OutcomeReview.MOST_WORDS + " characters or fewer");
        }
        for (int i = 0; i < goals.size(); i++) {
            String outcome = outcomes.get(i);
            if (GOAL_OUTCOMES.stream().noneMatch(o -> o.value().equals(outcome))) {
                errors.put("outcome-" + (i + 1), "Select whether the goal \u201c" + goals.get(i)
                        + "\u201d was met, partly met or not met");
            }
        }
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<PlanLineForm.Choice> changes() {
        return CHANGES;
    }

    public List<PlanLineForm.Choice> whoAnswered() {
        return WHO_ANSWERED;
    }

    public String ownAnswerQuestion(String name) {
        return "Did " + name + " answer these questions themselves?";
    }

    public List<PlanLineForm.Choice> goalOutcomes() {
        return GOAL_OUTCOMES;
    }

    /** The eight aspects as the page asks them. */
    public List<Question> aspectQuestions() {
        List<Question> questions = new ArrayList<>();
        for (LifeAspect aspect : LifeAspect.values()) {
            questions.add(new Question(aspect.code(), aspect.label(), aspects.get(aspect.code()),
                    errors.get(aspect.code())));
        }
        return questions;
    }

    /** Each goal as the page asks it. */
    public List<Question> goalQuestions() {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            questions.add(new Question("outcome-" + (i + 1), "Was this goal met: \u201c" + goals.get(i) + "\u201d?",
                    outcomes.get(i),
                    errors.get("outcome-" + (i + 1))));
        }
        return questions;
    }

    /** The review as the JSON API takes it. */
    ReviewRequest request() {
        List<Map<String, String>> results = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            results.add(Map.of("goal", goals.get(i), "outcome", outcomes.get(i)));
        }
        boolean alone = "yes".equals(ownAnswer);
        return new ReviewRequest(reviewedOn, Map.copyOf(aspects), alone, alone ? null : helpedBy, ownWords, results,
                reference);
    }

    /**
     * A plan's goals as the review asks about them: one per line of the plan's goals, or what matters to the person
     * when the plan names no goals.
     */
    static List<String> goalsOf(String goals, String whatMatters) {
        List<String> each = new ArrayList<>();
        if (goals != null) {
            for (String line : goals.split("\\R")) {
                String goal = line.strip().replaceFirst("^[-*\u2022]\\s*", "");
                if (!goal.isEmpty()) {
                    each.add(goal.length() > OutcomeReview.MOST_GOAL ? goal.substring(0, OutcomeReview.MOST_GOAL)
                            : goal);
                }
            }
        }
        if (each.isEmpty() && whatMatters != null && !whatMatters.isBlank()) {
            String matters = whatMatters.strip();
            each.add(matters.length() > OutcomeReview.MOST_GOAL ? matters.substring(0, OutcomeReview.MOST_GOAL)
                    : matters);
        }
        return each;
    }
}
