package org.joinedup.model.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.joinedup.model.Pence;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.ledger.FundingRule;

/**
 * Proposes which contribution pays for each plan line: restricted money first where its rules fit (the contribution
 * whose rules allow the fewest categories), flexible money last, so the money that can pay for anything is kept for
 * what only it can pay for; lines that fewest contributions can pay for are placed first. A line the coordinator has
 * placed on a contribution stays there if its rules and money allow. Each choice is explained; a plan asking for more
 * than the contributions that may pay for a line hold, or for a category no contribution may pay for, is refused line
 * by line with the reason.
 */
public final class FundingProposer {

    private FundingProposer() {
    }

    /** A contribution's money available to plan with, and its rules. */
    public record Pot(String contributionId, String fundingBodyCode, long availablePence, FundingRule rule,
            boolean anotherMembers) {

        /** The person's own money. */
        public Pot(String contributionId, String fundingBodyCode, long availablePence, FundingRule rule) {
            this(contributionId, fundingBodyCode, availablePence, rule, false);
        }

        /** Why this money may not pay for the line, or empty. */
        Optional<String> refusal(Line line) {
            return rule.refusal(line.category(), line.oneOff(), anotherMembers);
        }
    }

    /**
     * A line to fund: its number, category, annual cost, whether it is bought once, and the contribution the
     * coordinator chose (or null).
     */
    public record Line(int number, String category, long annualPence, boolean oneOff, String chosenContributionId) {

        /** A cost that recurs. */
        public Line(int number, String category, long annualPence, String chosenContributionId) {
            this(number, category, annualPence, false, chosenContributionId);
        }
    }

    public record Choice(int line, String contributionId, String explanation) {
    }

    /** The choices, or the problems (by line) when the plan cannot be funded. */
    public record Proposal(List<Choice> choices, List<ValidationIssue> problems) {
        public boolean fundable() {
            return problems.isEmpty();
        }
    }

    public static Proposal propose(List<Line> lines, List<Pot> pots) {
        Map<String, Long> left = new HashMap<>();
        pots.forEach(p -> left.put(p.contributionId(), p.availablePence()));
        Map<Integer, Choice> choices = new LinkedHashMap<>();
        List<ValidationIssue> problems = new ArrayList<>();
        List<Line> order = new ArrayList<>(lines);
        order.sort(Comparator.comparing((Line l) -> l.chosenContributionId() == null)
                .thenComparingLong(l -> pots.stream().filter(p -> p.refusal(l).isEmpty()).count())
                .thenComparingInt(Line::number));
        for (Line line : order) {
            String where = "lines[" + line.number() + "]";
            List<Pot> allowed = pots.stream().filter(p -> p.refusal(line).isEmpty()).toList();
            if (line.chosenContributionId() != null) {
                Optional<Pot> chosen = pots.stream().filter(p -> p.contributionId().equals(line.chosenContributionId()))
                        .findFirst();
                if (chosen.isEmpty()) {
                    problems.add(new ValidationIssue(where + ".contributionId", "contribution "
                            + line.chosenContributionId() + " is not one of this person's"));
                    continue;
                }
                Optional<String> refusal = chosen.get().refusal(line);
                if (refusal.isPresent()) {
                    problems.add(new ValidationIssue(where + ".contributionId", refusal.get()));
                    continue;
                }
                if (left.get(chosen.get().contributionId()) < line.annualPence()) {
                    problems.add(new ValidationIssue(where + ".contributionId", new Pence(line.annualPence())
                            + " is more than the " + new Pence(left.get(chosen.get().contributionId()))
                            + " left in " + chosen.get().rule().name() + " money"));
                    continue;
                }
                take(left, chosen.get(), line, choices, "chosen by the coordinator");
                continue;
            }
            if (allowed.isEmpty()) {
                List<String> why = pots.stream().filter(p -> p.rule().refusal(line.category()).isEmpty())
                        .map(p -> p.refusal(line).orElseThrow()).distinct().toList();
                problems.add(new ValidationIssue(where + ".category", "no contribution to this budget may pay for "
                        + line.category() + (why.isEmpty() ? "" : ": " + String.join("; ", why))));
                continue;
            }
            Optional<Pot> best = allowed.stream().filter(p -> left.get(p.contributionId()) >= line.annualPence())
                    .min(Comparator.comparingInt((Pot p) -> p.rule().categories().size())
                            .thenComparing(p -> -left.get(p.contributionId())));
            if (best.isEmpty()) {
                long most = allowed.stream().mapToLong(p -> left.get(p.contributionId())).max().orElse(0);
                problems.add(new ValidationIssue(where + ".annualPence", new Pence(line.annualPence())
                        + " is more than the pooled budget can give a line of " + line.category() + ": the most left in"
                        + " money that may pay for it is " + new Pence(most)));
                continue;
            }
            String why = allowed.size() == 1 ? "the only money that may pay for " + line.category()
                    : "the most restricted money that may pay for " + line.category() + " (" + best.get().rule().name()
                            + " pays for " + best.get().rule().categories().size() + " categories), keeping "
                            + "flexible money for what only it can pay for";
            take(left, best.get(), line, choices, why);
        }
        List<Choice> ordered = lines.stream().map(l -> choices.get(l.number())).filter(c -> c != null).toList();
        problems.sort(Comparator.comparing(ValidationIssue::expression));
        return new Proposal(problems.isEmpty() ? ordered : List.of(), List.copyOf(problems));
    }

    private static void take(Map<String, Long> left, Pot pot, Line line, Map<Integer, Choice> choices, String why) {
        left.merge(pot.contributionId(), -line.annualPence(), Long::sum);
        choices.put(line.number(), new Choice(line.number(), pot.contributionId(), pot.rule().name() + " ("
                + pot.fundingBodyCode() + "): " + why + "; " + new Pence(left.get(pot.contributionId()))
                + " of it left after this line"));
    }
}
