package org.joinedup.hub.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.model.ledger.Balances;
import org.joinedup.model.ledger.EntryLine;
import org.joinedup.model.ledger.FundingRule;
import org.joinedup.model.ledger.LedgerAccount;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.ledger.PostingKind;
import org.joinedup.model.ledger.PostingRules;

/**
 * The pooled personal budget's ledger in PostgreSQL: every movement of money is a posting of balanced entries
 * ({@link PostingRules} decides them from the contribution's balances), naming who or what caused it, why, and the
 * agency message. A contribution's row is locked while its balances are read and the posting is written, so two
 * payments racing cannot spend the same pence; a posting's idempotency key makes a redelivered message post nothing
 * the second time. Balances are always derived from the entries.
 */
@ApplicationScoped
public class PooledBudgetLedger {

    @Inject
    EntityManager em;

    @Inject
    FundingRules rules;

    @Inject
    org.joinedup.hub.platform.Today today;

    /**
     * Who or what caused a movement, why, the agency message it came from (null for a person's action), and the day
     * the money moved, in UK time (a payment's {@code paidOn}; null: the day it is posted): statements and financial
     * years count by it, so a payment dated 31 March belongs to that year whenever it is posted.
     */
    public record Cause(String causedBy, String reason, Long messageId, java.time.LocalDate valueDate) {

        public Cause(String causedBy, String reason, Long messageId) {
            this(causedBy, reason, messageId, null);
        }

        /** The same cause, for money that moved on {@code day}. */
        public Cause on(java.time.LocalDate day) {
            return new Cause(causedBy, reason, messageId, day);
        }
    }



    /** A posting made (or found again for the same key). */
    public record Posted(long postingId, boolean repeat) {
    }

    /**
     * What a funding change did: the posting, and the pence the funder cut that were already committed or paid
     * (0 normally; more means the plan must be looked at again).
     */
    public record FundingPosted(Optional<Posted> posted, long shortfallPence) {
    }

    /**
     * Each account's balance of the contributions {@code c}: the running balance of its latest entry (one index look-up
     * per account; see V17), null for an account with no entries. Columns: contribution id, account, balance.
     */
    static final String LATEST_BALANCES = "select c.id, a.account, (select e.balance_after from ledger_entry e"
            + " where e.contribution_id = c.id and e.account = a.account order by e.id desc limit 1)"
            + " from contribution c cross join (values ('FUNDER'), ('AVAILABLE'), ('COMMITTED'), ('PAID')) a (account)";

    /** The balances of one contribution, from its entries. */
    @Transactional(TxType.MANDATORY)
    public Balances balances(UUID contributionId) {
        List<?> rows = em.createNativeQuery(LATEST_BALANCES + " where c.id = ?1").setParameter(1, contributionId)
                .getResultList();
        List<EntryLine> sums = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[2] != null) {
                sums.add(new EntryLine(contributionId.toString(), LedgerAccount.valueOf((String) r[1]),
                        org.joinedup.model.Pence.exactly((Number) r[2])));
            }
        }
        return Balances.NONE.plus(sums);
    }

    /** The funding body's new terms for a contribution: confirmed, revised, withdrawn; nothing if nothing moves. */
    @Transactional(TxType.MANDATORY)
    public FundingPosted fundingChanged(Contribution contribution, String change, Cause cause) {
        Balances now = lockAndRead(contribution.id);
        String id = contribution.id.toString();
        List<EntryLine> lines;
        PostingKind kind;
        switch (contribution.status) {
            case WITHDRAWN -> {
                kind = PostingKind.CONTRIBUTION_WITHDRAWN;
                lines = PostingRules.withdraw(id, now);
            }
            case ENDED -> {
                return new FundingPosted(Optional.empty(), 0); // the period is over; settled at year end
            }
            default -> {
                kind = now.confirmed() == 0 && "CONFIRMED".equals(change) ? PostingKind.CONTRIBUTION_CONFIRMED
                        : PostingKind.CONTRIBUTION_REVISED;
                try {
                    lines = PostingRules.revise(id, now, contribution.amountPence);
                } catch (LedgerRefusal cutTooDeep) {
                    // the funder has the last word on its money: everything not yet committed or paid goes back,
                    // and the rest of the cut is a shortfall the plan must answer
                    long shortfall = now.confirmed() - contribution.amountPence - now.available();
                    List<EntryLine> all = PostingRules.withdraw(id, now);
                    return new FundingPosted(all.isEmpty() ? Optional.empty() : Optional.of(write(kind,
                            key(kind, contribution.id, cause, contribution.version), all, cause)), shortfall);
                }
            }
        }
        if (lines.isEmpty()) {
            return new FundingPosted(Optional.empty(), contribution.status == org.joinedup.model.ContributionStatus
                    .WITHDRAWN ? now.committed() : 0);
        }
        return new FundingPosted(Optional.of(write(kind, key(kind, contribution.id, cause, contribution.version),
                lines, cause)), contribution.status == org.joinedup.model.ContributionStatus.WITHDRAWN
                        ? now.committed() : 0);
    }

    /**
     * A payment out of a contribution for a spending category: a one-off from what is available (before a plan is
     * approved), or against a commitment. Refused with the reason when the contribution's funding rules do not allow
     * the category, or when there is not enough.
     */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = LedgerRefusal.class)
    public Posted pay(UUID contributionId, long pence, String category, boolean fromCommitment, String paymentKey,
            Cause cause) {
        Optional<Long> known = posting("payment:" + paymentKey);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        Balances now = lockAndRead(contributionId);
        Contribution contribution = em.find(Contribution.class, contributionId);
        FundingRule rule = rules.of(contribution.agency)
                .orElseThrow(() -> new LedgerRefusal("no funding rules for " + contribution.agency + " money"));
        Optional<String> refusal = rule.refusal(category, pence);
        if (refusal.isPresent()) {
            throw new LedgerRefusal(refusal.get());
        }
        return write(PostingKind.PAYMENT, "payment:" + paymentKey,
                PostingRules.pay(contributionId.toString(), now, pence, fromCommitment), cause,
                category.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Money paid out comes back (a provider returns an overpayment, a direct payment's unspent money is returned): to
     * the commitment it was paid from when the line is still in force, else to what is available, and on to the
     * funder when the contribution was withdrawn. Once per key.
     */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = LedgerRefusal.class)
    public Posted refund(UUID contributionId, long pence, String category, boolean toCommitment,
            boolean backToFunder, String refundKey, Cause cause) {
        Optional<Long> known = posting("refund:" + refundKey);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        Balances now = lockAndRead(contributionId);
        List<EntryLine> lines = new ArrayList<>(PostingRules.refund(contributionId.toString(), now, pence,
                toCommitment));
        if (backToFunder) { // withdrawn money that comes back goes on to its funder, in the same posting
            lines.addAll(PostingRules.clawback(contributionId.toString(), now.plus(lines), pence));
        }
        return write(PostingKind.REFUND, "refund:" + refundKey, lines, cause,
                category == null ? null : category.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The funder takes back money of its contribution not committed or paid (a surplus found at a direct payment
     * audit, say). Refused when more than is available. Once per key.
     */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = LedgerRefusal.class)
    public Posted clawback(UUID contributionId, long pence, String clawbackKey, Cause cause) {
        Optional<Long> known = posting("clawback:" + clawbackKey);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        Balances now = lockAndRead(contributionId);
        return write(PostingKind.CLAWBACK, "clawback:" + clawbackKey, PostingRules.clawback(contributionId.toString(),
                now, pence), cause);
    }

    /** An approved plan line: its yearly cost moves from available to committed; refused when not available. */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = LedgerRefusal.class)
    public Posted commit(UUID contributionId, long pence, String category, String commitmentKey, Cause cause) {
        Optional<Long> known = posting("commitment:" + commitmentKey);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        Balances now = lockAndRead(contributionId);
        return write(PostingKind.COMMITMENT, "commitment:" + commitmentKey,
                PostingRules.commit(contributionId.toString(), now, pence), cause, category);
    }

    /**
     * A commitment given back: a plan line moved away from (or off) a contribution; then, if the contribution was
     * withdrawn, the released money goes back to its funder in the same posting.
     */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = LedgerRefusal.class)
    public Posted release(UUID contributionId, long pence, String category, boolean backToFunder, String key,
            Cause cause) {
        Optional<Long> known = posting("release:" + key);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        Balances now = lockAndRead(contributionId);
        List<EntryLine> lines = new ArrayList<>(PostingRules.release(contributionId.toString(), now, pence));
        if (backToFunder) {
            lines.addAll(PostingRules.clawback(contributionId.toString(), now.plus(lines), pence));
        }
        return write(PostingKind.COMMITMENT_RELEASED, "release:" + key, lines, cause, category);
    }

    /**
     * Year end: what is still available in a contribution moves into the next year's contribution (when its rules let
     * underspend carry forward; {@code into} not null) or back to the funder. Both contributions are locked, in one
     * order.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Posted> carryForward(UUID from, UUID into, String key, Cause cause) {
        Optional<Long> known = posting("year-end:" + key);
        if (known.isPresent()) {
            return Optional.of(new Posted(known.get(), true));
        }
        if (into != null) {
            // both, in PostgreSQL's order of ids (as a payment run locks them)
            em.createNativeQuery("select id from contribution where id in (?1, ?2) order by id for update")
                    .setParameter(1, from).setParameter(2, into).getResultList();
        }
        Balances now = lockAndRead(from);
        List<EntryLine> lines = PostingRules.carryForward(from.toString(), now, into == null ? null : into.toString());
        return lines.isEmpty() ? Optional.empty()
                : Optional.of(write(PostingKind.CARRY_FORWARD, "year-end:" + key, lines, cause));
    }

    /** Locks the contribution (so movements on it happen one at a time) and reads its balances. */
    private Balances lockAndRead(UUID contributionId) {
        em.flush();
        Contribution locked = em.find(Contribution.class, contributionId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            throw new LedgerRefusal("no contribution " + contributionId);
        }
        return balances(contributionId);
    }

    private Posted write(PostingKind kind, String key, List<EntryLine> lines, Cause cause) {
        return write(kind, key, lines, cause, null);
    }

    /** Writes a posting and its entries, unless one with the key exists; the category says what money was for. */
    private Posted write(PostingKind kind, String key, List<EntryLine> lines, Cause cause, String category) {
        // checked again under the contribution's lock: a delivery racing this one may have committed the same key
        // while this one waited (the callers' first check, before the lock, keeps a repeat from being refused)
        Optional<Long> known = posting(key);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        long postingId = insertPosting(kind, key, cause, category);
        StringBuilder sql = new StringBuilder("insert into ledger_entry (posting_id, contribution_id, account, pence)"
                + " values ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(3 * i + 2).append(", ?").append(3 * i + 3)
                    .append(", ?").append(3 * i + 4).append(')');
        }
        jakarta.persistence.Query entries = em.createNativeQuery(sql.toString()).setParameter(1, postingId);
        for (int i = 0; i < lines.size(); i++) {
            EntryLine line = lines.get(i);
            entries.setParameter(3 * i + 2, UUID.fromString(line.contributionId()))
                    .setParameter(3 * i + 3, line.account().name()).setParameter(3 * i + 4, line.pence());
        }
        entries.executeUpdate();
        return new Posted(postingId, false);
    }

    /**
     * What a partner put into a pooled fund: a posting from the partner's side to the pool's, once per key (the
     * partner's reference); the caller has recorded the deposit's terms.
     */
    @Transactional(TxType.MANDATORY)
    public Posted depositIntoPool(UUID poolId, String partner, long pence, String key, Cause cause) {
        // the partner's row first: its running balance is read and written one deposit at a time
        em.createNativeQuery("select 1 from pool_partner where pool_id = ?1 and partner_code = ?2 for update")
                .setParameter(1, poolId).setParameter(2, partner).getResultList();
        Optional<Long> known = posting(key);
        if (known.isPresent()) {
            return new Posted(known.get(), true);
        }
        long postingId = insertPosting(PostingKind.POOL_DEPOSIT, key, cause, null);
        em.createNativeQuery("insert into ledger_entry (posting_id, pool_id, pool_partner, account, pence) values"
                + " (?1, ?2, ?3, 'POOL_PARTNER', ?4), (?1, ?2, ?3, 'POOL_HELD', ?5)").setParameter(1, postingId)
                .setParameter(2, poolId).setParameter(3, partner).setParameter(4, -pence).setParameter(5, pence)
                .executeUpdate();
        return new Posted(postingId, false);
    }

    private long insertPosting(PostingKind kind, String key, Cause cause, String category) {
        return ((Number) em.createNativeQuery("insert into ledger_posting (kind, idempotency_key, caused_by,"
                + " message_id, reason, category, value_date) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id")
                .setParameter(1, kind.name()).setParameter(2, key).setParameter(3, cause.causedBy())
                .setParameter(4, cause.messageId()).setParameter(5, cause.reason()).setParameter(6, category)
                .setParameter(7, cause.valueDate() != null ? cause.valueDate() : today.date()) // the day it moved
                .getSingleResult()).longValue();
    }

    private Optional<Long> posting(String key) {
        List<?> found = em.createNativeQuery("select id from ledger_posting where idempotency_key = ?1")
                .setParameter(1, key).getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of(((Number) found.get(0)).longValue());
    }

    /** One posting per funding change: the message that caused it, or the contribution's version for a person's. */
    private static String key(PostingKind kind, UUID contribution, Cause cause, int version) {
        return kind + ":" + contribution + ":" + (cause.messageId() != null ? "message-" + cause.messageId()
                : "version-" + version);
    }
}
