package org.joinedup.model;

/**
 * One reason an inbound record was refused: where in the record ({@code expression}, a FHIRPath or field path)
 * and why, in words an integration team can act on.
 */
public record ValidationIssue(String expression, String reason) {

    @Override
    public String toString() {
        return expression + ": " + reason;
    }
}
