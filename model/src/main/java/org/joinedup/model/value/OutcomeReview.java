package org.joinedup.model.value;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/**
 * A plan review in the person's own answer: for each of the eight aspects of life the national evaluation asks
 * about, better, the same or worse since the plan started; whether they answered themselves or who helped; their own
 * words; and for each goal of the plan, met, partly met or not met.
 */
public record OutcomeReview(LocalDate reviewedOn, Map<LifeAspect, Change> aspects, String helpedBy, String ownWords,
        List<GoalResult> goals) {

    /** The eight aspects of life, in the evaluation's order, each with the code its answers are given under. */
    public enum LifeAspect {
        HEALTH_AND_WELLBEING("health-and-wellbeing", "Health and well-being"),
        TIME_WITH_PEOPLE("time-with-people", "Spending time with people you like"),
        QUALITY_OF_LIFE("quality-of-life", "Quality of life"),
        COMMUNITY_LIFE("community-life", "Taking part in community life"),
        SAFE_AT_HOME("safe-at-home", "Feeling safe and secure at home"),
        CHOICE_AND_CONTROL("choice-and-control", "Choice and control"),
        DIGNITY("dignity", "Personal dignity"),
        ECONOMIC_WELLBEING("economic-wellbeing", "Economic well-being");

        private final String code;
        private final String label;

        LifeAspect(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        public static Optional<LifeAspect> ofCode(String code) {
            for (LifeAspect aspect : values()) {
                if (aspect.code.equals(code)) {
                    return Optional.of(aspect);
                }
            }
            return Optional.empty();
        }
    }

    /** Since the plan started. */
    public enum Change {
        BETTER, SAME, WORSE
    }

    public enum GoalOutcome {
        MET, PARTLY_MET, NOT_MET
    }

    public record GoalResult(String goal, GoalOutcome outcome) {
    }

    /** The longest own words kept, and the longest goal. */
    public static final int MOST_WORDS = 4000;
    public static final int MOST_GOAL = 500;
    public static final int MOST_HELPER = 200;

    /**
     * Checks a review as a coordinator's JSON gives it, item by item: every problem at once, each with its field path
     * ({@code aspects.quality-of-life}, {@code goals[2].outcome}). {@code ownAnswer} false needs {@code helpedBy}.
     */
    public static OutcomeReview check(String reviewedOn, Map<String, String> aspects, Boolean ownAnswer,
            String helpedBy, String ownWords, List<Map<String, String>> goals, LocalDate today) {
        List<ValidationIssue> issues = new ArrayList<>();
        LocalDate on = null;
        if (reviewedOn == null || reviewedOn.isBlank()) {
            issues.add(new ValidationIssue("reviewedOn", "required: the day of the review (YYYY-MM-DD)"));
        } else {
            try {
                on = LocalDate.parse(reviewedOn.strip());
                if (on.isAfter(today)) {
                    issues.add(new ValidationIssue("reviewedOn", reviewedOn + " is after today (" + today + ")"));
                }
            } catch (DateTimeParseException notADate) {
                issues.add(new ValidationIssue("reviewedOn", "'" + reviewedOn + "' is not a date (YYYY-MM-DD)"));
            }
        }
        Map<LifeAspect, Change> answers = new EnumMap<>(LifeAspect.class);
        Map<String, String> given = aspects == null ? Map.of() : aspects;
        for (Map.Entry<String, String> answer : given.entrySet()) {
            Optional<LifeAspect> aspect = LifeAspect.ofCode(answer.getKey());
            if (aspect.isEmpty()) {
                issues.add(new ValidationIssue("aspects." + answer.getKey(), "not one of the eight aspects ("
                        + String.join(", ", java.util.Arrays.stream(LifeAspect.values()).map(LifeAspect::code)
                                .toList()) + ")"));
                continue;
            }
            Optional<Change> change = parse(Change.class, answer.getValue());
            if (change.isEmpty()) {
                issues.add(new ValidationIssue("aspects." + answer.getKey(), "'" + answer.getValue()
                        + "' is not BETTER, SAME or WORSE"));
            } else {
                answers.put(aspect.get(), change.get());
            }
        }
        for (LifeAspect aspect : LifeAspect.values()) {
            if (!given.containsKey(aspect.code())) {
                issues.add(new ValidationIssue("aspects." + aspect.code(), "required: better, the same or worse since"
                        + " the plan started (" + aspect.label() + ")"));
            }
        }
        String helper = helpedBy == null || helpedBy.isBlank() ? null : helpedBy.strip();
        if (ownAnswer == null) {
            issues.add(new ValidationIssue("ownAnswer", "required: true when the person answered themselves, false"
                    + " when someone helped (then helpedBy)"));
        } else if (!ownAnswer && helper == null) {
            issues.add(new ValidationIssue("helpedBy", "required when the person did not answer alone: who helped"));
        } else if (helper != null && helper.length() > MOST_HELPER) {
            issues.add(new ValidationIssue("helpedBy", "longer than " + MOST_HELPER + " characters"));
        } else if (ownAnswer && helper != null) {
            issues.add(new ValidationIssue("helpedBy", "the person answered alone (ownAnswer true): nobody helped"));
        }
        String words = ownWords == null || ownWords.isBlank() ? null : ownWords.strip();
        if (words != null && words.length() > MOST_WORDS) {
            issues.add(new ValidationIssue("ownWords", "longer than " + MOST_WORDS + " characters"));
        }
        List<GoalResult> results = new ArrayList<>();
        if (goals == null || goals.isEmpty()) {
            issues.add(new ValidationIssue("goals", "required: each goal of the plan, met, partly met or not met"));
        } else {
            for (int i = 0; i < goals.size(); i++) {
                Map<String, String> goal = goals.get(i) == null ? Map.of() : goals.get(i);
                String path = "goals[" + (i + 1) + "]";
                String text = goal.get("goal") == null ? null : goal.get("goal").strip();
                if (text == null || text.isEmpty()) {
                    issues.add(new ValidationIssue(path + ".goal", "required: the goal, as the plan says it"));
                } else if (text.length() > MOST_GOAL) {
                    issues.add(new ValidationIssue(path + ".goal", "longer than " + MOST_GOAL + " characters"));
                }
                Optional<GoalOutcome> outcome = parse(GoalOutcome.class, goal.get("outcome"));
                if (outcome.isEmpty()) {
                    issues.add(new ValidationIssue(path + ".outcome", (goal.get("outcome") == null ? "required"
                            : "'" + goal.get("outcome") + "' is not") + " MET, PARTLY_MET or NOT_MET"));
                }
                if (text != null && !text.isEmpty() && outcome.isPresent()) {
                    results.add(new GoalResult(text, outcome.get()));
                }
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
        return new OutcomeReview(on, answers, helper, words, List.copyOf(results));
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> kind, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(kind, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
