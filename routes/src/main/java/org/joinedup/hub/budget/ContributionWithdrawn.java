package org.joinedup.hub.budget;

/**
 * A funding body withdrew a contribution that has money committed to approved plan lines: observed (in the same
 * transaction) by the plans, which move each line to another contribution allowed to pay for it or flag it for
 * re-planning, so nothing stays committed against withdrawn money.
 */
public record ContributionWithdrawn(Contribution contribution, Long messageId, String caller) {
}
