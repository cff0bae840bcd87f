package org.joinedup.model.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.joinedup.model.Limits;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ledger's invariants under random sequences of everything that moves money: contributions confirmed, revised,
 * withdrawn; commitments made and released; payments (from commitments and one-off), refunds, clawbacks and year
 * ends. Whatever the order: a step is refused exactly when the rules, modelled in this test apart from the code,
 * forbid it, and an allowed one leaves the balances the model works out; every posting sums to zero, no balance goes
 * below zero, confirmed = available + committed + paid, and what the funder is owed back is exactly what was taken
 * back.
 */
class LedgerPropertiesTest {

    private static final List<String> CONTRIBUTIONS = List.of("nhs", "council", "dfg");
    /** Stands for exactly the balance the step draws on (all that is available, committed or paid): the boundary. */
    private static final long WHOLE = Long.MIN_VALUE;

    record Step(String kind, int contribution, int other, long pence) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("confirm", "revise", "withdraw", "commit", "release", "payCommitted", "payOneOff",
                        "refund", "refundToCommitment", "clawback", "yearEnd", "yearEndBack"),
                Arbitraries.integers().between(0, CONTRIBUTIONS.size() - 1),
                Arbitraries.integers().between(0, CONTRIBUTIONS.size() - 1),
                Arbitraries.oneOf(Arbitraries.longs().between(-1_000, 2_000_000), Arbitraries.just(WHOLE)))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void everyPostingBalancesAndNoBalanceGoesNegative(@ForAll("sequences") List<Step> steps) {
        Map<String, List<EntryLine>> ledger = new HashMap<>();
        Map<String, Long> funderIntends = new HashMap<>();
        CONTRIBUTIONS.forEach(c -> {
            ledger.put(c, new ArrayList<>());
            funderIntends.put(c, 0L);
        });
        long allMoney = 0;
        for (Step drawn : steps) {
            String c = CONTRIBUTIONS.get(drawn.contribution());
            String other = CONTRIBUTIONS.get(drawn.other());
            Balances now = Balances.NONE.plus(ledger.get(c));
            Step step = drawn.pence() != WHOLE ? drawn : new Step(drawn.kind(), drawn.contribution(), drawn.other(),
                    switch (drawn.kind()) {
                        case "commit", "payOneOff", "clawback" -> now.available();
                        case "release", "payCommitted" -> now.committed();
                        case "refund", "refundToCommitment" -> now.paid();
                        case "revise" -> now.committed() + now.paid();
                        default -> 1;
                    });
            List<EntryLine> posting;
            long intendedAfter = funderIntends.get(c);
            try {
                posting = switch (step.kind()) {
                    case "confirm" -> PostingRules.confirm(c, step.pence());
                    case "revise" -> PostingRules.revise(c, now, step.pence());
                    case "withdraw" -> PostingRules.withdraw(c, now);
                    case "commit" -> PostingRules.commit(c, now, step.pence());
                    case "release" -> PostingRules.release(c, now, step.pence());
                    case "payCommitted" -> PostingRules.pay(c, now, step.pence(), true);
                    case "payOneOff" -> PostingRules.pay(c, now, step.pence(), false);
                    case "refund" -> PostingRules.refund(c, now, step.pence());
                    case "refundToCommitment" -> PostingRules.refund(c, now, step.pence(), true);
                    case "clawback" -> PostingRules.clawback(c, now, step.pence());
                    case "yearEnd" -> c.equals(other) ? List.of() : PostingRules.carryForward(c, now, other);
                    case "yearEndBack" -> PostingRules.carryForward(c, now, null);
                    default -> throw new IllegalStateException(step.kind());
                };
            } catch (LedgerRefusal refused) {
                // refused: only what the rules, modelled here independently of the code, forbid
                assertTrue(!allowed(step, now), "refused what the rules allow: " + step + " with "
                        + now + ": " + refused.getMessage());
                continue;
            }
            assertTrue(allowed(step, now), "allowed what the rules forbid: " + step + " with " + now);
            Balances expected = expected(step, now);
            long sum = posting.stream().mapToLong(EntryLine::pence).sum();
            assertEquals(0, sum, "a posting must balance: " + posting);
            switch (step.kind()) {
                case "confirm" -> intendedAfter += step.pence();
                case "revise" -> intendedAfter = step.pence();
                case "withdraw", "yearEndBack" -> intendedAfter -= now.available();
                case "clawback" -> intendedAfter -= step.pence();
                case "yearEnd" -> {
                    if (!c.equals(other)) {
                        intendedAfter -= now.available();
                        funderIntends.merge(other, now.available(), Long::sum);
                    }
                }
                default -> { }
            }
            funderIntends.put(c, intendedAfter);
            for (EntryLine line : posting) {
                ledger.get(line.contributionId()).add(line);
                allMoney += line.pence();
            }
            if (!step.kind().startsWith("yearEnd")) {
                assertEquals(expected, Balances.NONE.plus(ledger.get(c)), c + "'s balances after " + step);
            }
            for (String each : CONTRIBUTIONS) {
                Balances balances = Balances.NONE.plus(ledger.get(each));
                assertTrue(balances.consistent(), each + " " + balances + " after " + step);
                assertEquals(funderIntends.get(each), balances.confirmed(), each + " confirmed after " + step);
            }
        }
        assertEquals(0, allMoney, "money is neither made nor lost");
    }

    /**
     * Whether the rules allow the step on a contribution with these balances, as the funding model says and
     * independently of {@code PostingRules}: a movement is of more than nothing and no more than any amount the hub
     * takes, and never of more than the balance it comes from; a revision to any amount at or above zero that leaves
     * what is committed and paid covered; withdrawals and year ends always.
     */
    private static boolean allowed(Step step, Balances now) {
        long p = step.pence();
        boolean amount = p > 0 && p <= Limits.MAX_PENCE;
        return switch (step.kind()) {
            case "confirm" -> amount;
            case "revise" -> p >= 0 && p <= Limits.MAX_PENCE && p >= now.committed() + now.paid();
            case "withdraw", "yearEnd", "yearEndBack" -> true;
            case "commit", "payOneOff", "clawback" -> amount && p <= now.available();
            case "release", "payCommitted" -> amount && p <= now.committed();
            case "refund", "refundToCommitment" -> amount && p <= now.paid();
            default -> throw new IllegalStateException(step.kind());
        };
    }

    /** The balances the step leaves, worked out from what each movement means (year ends aside: two contributions). */
    private static Balances expected(Step step, Balances now) {
        long p = step.pence();
        long c = now.confirmed();
        long a = now.available();
        long m = now.committed();
        long paid = now.paid();
        return switch (step.kind()) {
            case "confirm" -> new Balances(c + p, a + p, m, paid);
            case "revise" -> new Balances(p, a + (p - c), m, paid);
            case "withdraw", "yearEndBack" -> new Balances(c - a, 0, m, paid);
            case "commit" -> new Balances(c, a - p, m + p, paid);
            case "release" -> new Balances(c, a + p, m - p, paid);
            case "payCommitted" -> new Balances(c, a, m - p, paid + p);
            case "payOneOff" -> new Balances(c, a - p, m, paid + p);
            case "refund" -> new Balances(c, a + p, m, paid - p);
            case "refundToCommitment" -> new Balances(c, a, m + p, paid - p);
            case "clawback" -> new Balances(c - p, a - p, m, paid);
            default -> now;
        };
    }

    @Provide
    Arbitrary<List<Step>> hugeSequences() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(Limits.MAX_PENCE - 1_000, Limits.MAX_PENCE + 1_000),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Limits.MAX_PENCE, Limits.MAX_PENCE + 1, 1L, 0L));
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("confirm", "revise", "commit", "payCommitted", "payOneOff", "refund", "clawback",
                        "yearEnd"),
                Arbitraries.integers().between(0, HUGE_POOL - 1), Arbitraries.integers().between(0, HUGE_POOL - 1),
                amounts).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    private static final int HUGE_POOL = 30;

    /**
     * Whatever amounts arrive, up to {@code Long.MAX_VALUE}: a movement above {@link Limits#MAX_PENCE} is refused,
     * so no balance overflows, none goes negative, and a statement's totals (summed as the statements sum them,
     * exactly) are the true sums of the balances, never a wrapped figure.
     */
    @Property(tries = 300)
    void noSequenceOfAmountsMakesABalanceOrAStatementTotalOverflowOrGoNegative(
            @ForAll("hugeSequences") List<Step> steps) {
        Map<String, Balances> balances = new HashMap<>();
        for (int i = 0; i < HUGE_POOL; i++) {
            balances.put("c" + i, Balances.NONE);
        }
        for (Step step : steps) {
            String c = "c" + step.contribution();
            Balances now = balances.get(c);
            List<EntryLine> posting;
            try {
                posting = switch (step.kind()) {
                    case "confirm" -> now.confirmed() == 0 ? PostingRules.confirm(c, step.pence()) : List.of();
                    case "revise" -> PostingRules.revise(c, now, step.pence());
                    case "commit" -> PostingRules.commit(c, now, step.pence());
                    case "payCommitted" -> PostingRules.pay(c, now, step.pence(), true);
                    case "payOneOff" -> PostingRules.pay(c, now, step.pence(), false);
                    case "refund" -> PostingRules.refund(c, now, step.pence());
                    case "clawback" -> PostingRules.clawback(c, now, step.pence());
                    case "yearEnd" -> PostingRules.carryForward(c, now, "c" + step.other());
                    default -> throw new IllegalStateException(step.kind());
                };
            } catch (LedgerRefusal refused) {
                continue;
            }
            if (!step.kind().equals("yearEnd") && !posting.isEmpty()) {
                assertTrue(step.pence() >= (step.kind().equals("revise") ? 0 : 1) && step.pence() <= Limits.MAX_PENCE,
                        "only an amount the hub takes moves money: " + step);
            }
            Map<String, List<EntryLine>> byContribution = new HashMap<>();
            posting.forEach(line -> byContribution.computeIfAbsent(line.contributionId(), k -> new ArrayList<>())
                    .add(line));
            byContribution.forEach((id, lines) -> balances.put(id, balances.get(id).plus(lines)));
            java.math.BigInteger trueConfirmed = java.math.BigInteger.ZERO;
            java.math.BigInteger truePaid = java.math.BigInteger.ZERO;
            for (Balances each : balances.values()) {
                assertTrue(each.consistent(), each + " after " + step);
                assertTrue(each.confirmed() >= 0, each + " after " + step);
                trueConfirmed = trueConfirmed.add(java.math.BigInteger.valueOf(each.confirmed()));
                truePaid = truePaid.add(java.math.BigInteger.valueOf(each.paid()));
            }
            long confirmed = balances.values().stream().mapToLong(Balances::confirmed).reduce(0L, Math::addExact);
            long paid = balances.values().stream().mapToLong(Balances::paid).reduce(0L, Math::addExact);
            assertEquals(trueConfirmed.longValueExact(), confirmed, "the statement's confirmed total");
            assertEquals(truePaid.longValueExact(), paid, "the statement's paid total");
            assertTrue(confirmed >= 0 && paid >= 0);
        }
    }
}
