package org.joinedup.model.ledger;

import java.util.List;

import org.joinedup.model.Limits;
import org.joinedup.model.Pence;

/**
 * What each movement of money posts, given a contribution's balances now: balanced entries, or a refusal. These are
 * the ledger's invariants in one place: every posting sums to zero, and no account of a contribution ever goes below
 * zero (available money cannot be overdrawn, nothing is paid that was not there). The hub applies them under a lock
 * on the contribution, so two payments racing cannot both spend the same pence.
 */
public final class PostingRules {

    private PostingRules() {
    }

    public static List<EntryLine> confirm(String contribution, long pence) {
        positive(pence, "a confirmed contribution");
        return move(contribution, LedgerAccount.FUNDER, LedgerAccount.AVAILABLE, pence);
    }

    /** A new amount for the contribution: the difference moves; a cut larger than what is available is refused. */
    public static List<EntryLine> revise(String contribution, Balances now, long newAmount) {
        if (newAmount < 0) {
            throw new LedgerRefusal("a contribution cannot be negative, got " + new Pence(newAmount));
        }
        withinLimit(newAmount, "a contribution");
        long difference = newAmount - now.confirmed();
        if (difference >= 0) {
            return difference == 0 ? List.of() : move(contribution, LedgerAccount.FUNDER, LedgerAccount.AVAILABLE,
                    difference);
        }
        if (-difference > now.available()) {
            throw new LedgerRefusal("cutting the contribution to " + new Pence(newAmount) + " needs "
                    + new Pence(-difference) + " back but only " + new Pence(now.available())
                    + " is not committed or paid");
        }
        return move(contribution, LedgerAccount.AVAILABLE, LedgerAccount.FUNDER, -difference);
    }

    /**
     * The funder withdraws: what is available goes back at once. Commitments cannot simply vanish: the hub moves them
     * to another allowed contribution or flags them for re-planning, then releases them here.
     */
    public static List<EntryLine> withdraw(String contribution, Balances now) {
        return now.available() == 0 ? List.of()
                : move(contribution, LedgerAccount.AVAILABLE, LedgerAccount.FUNDER, now.available());
    }

    public static List<EntryLine> commit(String contribution, Balances now, long pence) {
        positive(pence, "a commitment");
        enough(now.available(), pence, "available to commit");
        return move(contribution, LedgerAccount.AVAILABLE, LedgerAccount.COMMITTED, pence);
    }

    public static List<EntryLine> release(String contribution, Balances now, long pence) {
        positive(pence, "a released commitment");
        enough(now.committed(), pence, "committed");
        return move(contribution, LedgerAccount.COMMITTED, LedgerAccount.AVAILABLE, pence);
    }

    /** A payment against a commitment (from committed) or a one-off before a plan (from available). */
    public static List<EntryLine> pay(String contribution, Balances now, long pence, boolean fromCommitment) {
        positive(pence, "a payment");
        LedgerAccount from = fromCommitment ? LedgerAccount.COMMITTED : LedgerAccount.AVAILABLE;
        enough(fromCommitment ? now.committed() : now.available(), pence,
                fromCommitment ? "committed to the plan line" : "available");
        return move(contribution, from, LedgerAccount.PAID, pence);
    }

    /** Money paid out comes back: to what is available (to plan again). */
    public static List<EntryLine> refund(String contribution, Balances now, long pence) {
        return refund(contribution, now, pence, false);
    }

    /**
     * Money paid out comes back: to the commitment it was paid from when the plan line is still in force (it may pay
     * it again), else to what is available.
     */
    public static List<EntryLine> refund(String contribution, Balances now, long pence, boolean toCommitment) {
        positive(pence, "a refund");
        enough(now.paid(), pence, "paid out");
        return move(contribution, LedgerAccount.PAID, toCommitment ? LedgerAccount.COMMITTED : LedgerAccount.AVAILABLE,
                pence);
    }

    public static List<EntryLine> clawback(String contribution, Balances now, long pence) {
        positive(pence, "a clawback");
        enough(now.available(), pence, "available");
        return move(contribution, LedgerAccount.AVAILABLE, LedgerAccount.FUNDER, pence);
    }

    /**
     * Year end: what is still available in the old year's contribution moves into the next year's (when its rules
     * let underspend carry forward) or back to the funder.
     */
    public static List<EntryLine> carryForward(String from, Balances now, String into) {
        long pence = now.available();
        if (pence == 0) {
            return List.of();
        }
        if (into == null) {
            return move(from, LedgerAccount.AVAILABLE, LedgerAccount.FUNDER, pence);
        }
        return List.of(new EntryLine(from, LedgerAccount.AVAILABLE, -pence), new EntryLine(from, LedgerAccount.FUNDER,
                pence), new EntryLine(into, LedgerAccount.FUNDER, -pence), new EntryLine(into,
                        LedgerAccount.AVAILABLE, pence));
    }

    private static List<EntryLine> move(String contribution, LedgerAccount from, LedgerAccount to, long pence) {
        return List.of(new EntryLine(contribution, from, -pence), new EntryLine(contribution, to, pence));
    }

    private static void positive(long pence, String what) {
        if (pence <= 0) {
            throw new LedgerRefusal(what + " must be more than £0.00, got " + new Pence(pence));
        }
        withinLimit(pence, what);
    }

    /** No one movement is more than any amount the hub takes: however many there are, no total can overflow. */
    private static void withinLimit(long pence, String what) {
        if (pence > Limits.MAX_PENCE) {
            throw new LedgerRefusal(what + " of " + new Pence(pence) + " is more than any amount the hub takes ("
                    + new Pence(Limits.MAX_PENCE) + ")");
        }
    }

    private static void enough(long balance, long pence, String what) {
        if (pence > balance) {
            throw new LedgerRefusal(new Pence(pence) + " is more than the " + new Pence(balance) + " " + what);
        }
    }
}
