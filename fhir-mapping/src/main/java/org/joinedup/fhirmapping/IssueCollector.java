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
