package org.joinedup.fhirmapping;

import java.util.ArrayList;
import java.util.List;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/** Collects every problem with a message so the sender hears all of them at once, not one per attempt. */
final class IssueCollector {

    private final List<ValidationIssue> issues = new ArrayList<>();

    void add(String expression, String reason) {
        issues.add(new ValidationIssue(expression, reason));
    }

    List<String> expressions() {
        return issues.stream().map(ValidationIssue::expression).toList();
    }

    void addAll(List<ValidationIssue> more) {
        issues.addAll(more);
    }

    /** The text, or null after noting it is longer than {@code limit} (the column that would keep it). */
    String within(String text, int limit, String expression) {
        if (text != null && text.length() > limit) {
            add(expression, "is " + text.length() + " characters long; at most " + limit + " are allowed");
            return null;
        }
        return text;
    }

    /** The date, or null after noting it is not a plausible date for anything an agency sends. */
    java.time.LocalDate plausible(java.time.LocalDate date, String expression) {
        String implausible = date == null ? null : org.joinedup.model.Limits.implausible(date);
        if (implausible != null) {
            add(expression, implausible);
            return null;
        }
        return date;
    }

    boolean isEmpty() {
        return issues.isEmpty();
    }

    int size() {
        return issues.size();
    }

    void throwIfAny() {
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
    }
}
