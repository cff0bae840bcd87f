package org.joinedup.model.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/**
 * A budget holder's rating of a provider they bought from: 1 to 5 stars with their words. One per person per provider
 * per financial year; its author may change it.
 */
public record ProviderRating(String provider, int stars, String words) {

    public static final int MOST_WORDS = 2000;
    public static final int MOST_NAME = 300;

    /** A provider's name as plan lines write it, made comparable: case and runs of spaces do not matter. */
    public static String key(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.UK);
    }

    /** Checks a rating as given, every problem at once with its field. */
    public static ProviderRating check(String provider, Integer stars, String words) {
        List<ValidationIssue> issues = new ArrayList<>();
        String name = provider == null ? "" : provider.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            issues.add(new ValidationIssue("provider", "required: the provider, as the plan line names it"));
        } else if (name.length() > MOST_NAME) {
            issues.add(new ValidationIssue("provider", "longer than " + MOST_NAME + " characters"));
        }
        if (stars == null) {
            issues.add(new ValidationIssue("stars", "required: 1 (poor) to 5 (excellent)"));
        } else if (stars < 1 || stars > 5) {
            issues.add(new ValidationIssue("stars", stars + " is not 1 to 5"));
        }
        String said = words == null ? "" : words.strip();
        if (said.isEmpty()) {
            issues.add(new ValidationIssue("words", "required: what the person says about the provider"));
        } else if (said.length() > MOST_WORDS) {
            issues.add(new ValidationIssue("words", "longer than " + MOST_WORDS + " characters"));
        }
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
        return new ProviderRating(name, stars, said);
    }
}
