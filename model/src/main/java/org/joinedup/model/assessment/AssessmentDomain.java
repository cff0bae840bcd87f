package org.joinedup.model.assessment;

import java.util.List;

/**
 * The areas of life the single assessment covers, across agencies. Each has one scored question (how much support
 * the person needs there, with points as councils' self-assessment points systems give) and room for the person's
 * own words. Points differ by domain: needs that cost more support weigh more.
 */
public enum AssessmentDomain {
    PERSONAL_CARE("personal-care", "Personal care", 0, 4, 10, 18, 28),
    EATING("eating", "Eating and nutrition", 0, 2, 5, 9, 14),
    HEALTH("health", "Health and medication", 0, 3, 7, 12, 20),
    MENTAL_WELLBEING("mental-wellbeing", "Mental well-being", 0, 3, 7, 12, 20),
    HOME("home", "Home and housing", 0, 2, 5, 9, 14),
    MONEY("money", "Money and benefits", 0, 1, 3, 6, 10),
    WORK("work", "Work, learning and volunteering", 0, 2, 5, 9, 14),
    FAMILY("family", "Family and relationships, including caring for others", 0, 2, 5, 9, 14),
    COMMUNITY("community", "Community life", 0, 1, 3, 6, 10),
    SAFETY("safety", "Safety and risk", 0, 4, 10, 18, 28);

    /** The answers to a domain's scored question, least to most support. */
    public enum Need {
        NONE("none", "I manage without support"),
        LOW("low", "I need a little support now and then"),
        MODERATE("moderate", "I need support regularly"),
        SUBSTANTIAL("substantial", "I need support every day"),
        CRITICAL("critical", "I need support through the day and night");

        private final String code;
        private final String display;

        Need(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static Need ofCode(String code) {
            for (Need need : values()) {
                if (need.code.equals(code)) {
                    return need;
                }
            }
            return null;
        }
    }

    private final String code;
    private final String title;
    private final List<Integer> points;

    AssessmentDomain(String code, String title, int... points) {
        this.code = code;
        this.title = title;
        this.points = java.util.Arrays.stream(points).boxed().toList();
    }

    /** The domain's code, also the linkId of its group in the Questionnaire. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The points an answer gives. */
    public int points(Need need) {
        return points.get(need.ordinal());
    }

    /** The linkId of the domain's scored question. */
    public String needLinkId() {
        return code + ".need";
    }

    /** The linkId of the person's own words about the domain. */
    public String ownWordsLinkId() {
        return code + ".own-words";
    }

    public static AssessmentDomain ofCode(String code) {
        for (AssessmentDomain domain : values()) {
            if (domain.code.equals(code)) {
                return domain;
            }
        }
        return null;
    }
}
