package org.joinedup.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The message breaks the agency's interface: it is rejected with its reasons, never retried. The hub's error
 * policy treats every exception of this type as a validation failure.
 */
public class InvalidMessageException extends RuntimeException {

    private final List<ValidationIssue> issues;

    public InvalidMessageException(List<ValidationIssue> issues) {
        super(issues.stream().map(ValidationIssue::toString).collect(Collectors.joining("; ")));
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("an invalid message needs at least one issue");
        }
        this.issues = List.copyOf(issues);
    }

    public InvalidMessageException(String expression, String reason) {
        this(List.of(new ValidationIssue(expression, reason)));
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}
