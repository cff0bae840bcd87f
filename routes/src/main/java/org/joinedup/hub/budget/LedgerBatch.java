package org.joinedup.hub.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.Session;
import org.joinedup.model.ledger.Balances;
import org.joinedup.model.ledger.EntryLine;
import org.joinedup.model.ledger.LedgerAccount;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.ledger.PostingKind;
import org.joinedup.model.ledger.PostingRules;

/**
 * Many commitments and payments posted in one transaction with a handful of statements, whatever their number: the
 * contributions they touch are locked together (in one order, so two batches cannot deadlock), their balances read in
 * one query, every movement decided in order by the same {@link PostingRules} as a single posting (a movement the rules
 * refuse is refused alone, with its reason, and the rest go on), then the postings and their entries written with one
 * statement each. The same idempotency keys as {@link PooledBudgetLedger}: a movement already posted, by either way, is
 * a repeat and posts nothing. PostgreSQL checks at commit that every posting balances.
 */
@ApplicationScoped
public class LedgerBatch {

    @Inject
    org.joinedup.hub.platform.Today today;

    @Inject
    EntityManager em;

    @Inject
    FundingRules rules;

    /** A commitment (an approved plan line) or a payment (from a commitment, or from what is available). */
    public record Movement(PostingKind kind, UUID contributionId, long pence, String category, boolean fromCommitment,
            String key, PooledBudgetLedger.Cause cause) {

        public static Movement commitment(UUID contributionId, long pence, String category, String commitmentKey,
                PooledBudgetLedger.Cause cause) {
            return new Movement(PostingKind.COMMITMENT, contributionId, pence, category, true,
                    "commitment:" + commitmentKey, cause);
        }

        public static Movement payment(UUID contributionId, long pence, String category, boolean fromCommitment,
                String paymentKey, PooledBudgetLedger.Cause cause) {
            return new Movement(PostingKind.PAYMENT, contributionId, pence, category, fromCommitment,
                    "payment:" + paymentKey, cause);
        }
    }

    /** What became of a movement: posted (or found posted before: a repeat), or refused with the reason. */
    public record Outcome(Movement movement, Long postingId, boolean repeat, String refusal) {

        public boolean posted() {
            return refusal == null;
        }
    }

    @Transactional(value = TxType.MANDATORY)
    public List<Outcome> post(List<Movement> movements) {
        if (movements.isEmpty()) {
            return List.of();
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> post(connection, movements));
    }

    private List<Outcome> post(Connection connection, List<Movement> movements) throws SQLException {
        Map<UUID, String> agencies = lock(connection, movements);
        Map<UUID, Balances> balances = balances(connection, agencies.keySet());
        Map<String, Long> known = known(connection, movements);
        Outcome[] outcomes = new Outcome[movements.size()];
        List<Integer> toWrite = new ArrayList<>();
        List<List<EntryLine>> lines = new ArrayList<>();
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < movements.size(); i++) {
            Movement m = movements.get(i);
            if (known.containsKey(m.key())) {
                outcomes[i] = new Outcome(m, known.get(m.key()), true, null);
                continue;
            }
            if (firstWithKey.containsKey(m.key())) {
                outcomes[i] = new Outcome(m, null, true, null); // the posting id is known once written
                continue;
            }
            String agency = agencies.get(m.contributionId());
            try {
                if (agency == null) {
                    throw new LedgerRefusal("no contribution " + m.contributionId());
                }
                if (m.kind() == PostingKind.PAYMENT) {
                    rules.of(org.joinedup.model.AgencyKind.valueOf(agency)).orElseThrow(() -> new LedgerRefusal(
                            "no funding rules for " + agency + " money")).refusal(m.category(), m.pence()).ifPresent(why -> {
                                throw new LedgerRefusal(why);
                            });
                }
                Balances now = balances.getOrDefault(m.contributionId(), Balances.NONE);
                String id = m.contributionId().toString();
                List<EntryLine> entries = switch (m.kind()) {
                    case COMMITMENT -> PostingRules.commit(id, now, m.pence());
                    case PAYMENT -> PostingRules.pay(id, now, m.pence(), m.fromCommitment());
                    default -> throw new IllegalArgumentException("a batch posts commitments and payments, not "
                            + m.kind());
                };
                balances.put(m.contributionId(), now.plus(entries));
                firstWithKey.put(m.key(), toWrite.size());
                toWrite.add(i);
                lines.add(entries);
            } catch (LedgerRefusal refused) {
                outcomes[i] = new Outcome(m, null, false, refused.getMessage());
            }
        }
        long[] ids = write(connection, movements, toWrite, lines);
        for (int w = 0; w < toWrite.size(); w++) {
            outcomes[toWrite.get(w)] = new Outcome(movements.get(toWrite.get(w)), ids[w], false, null);
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].repeat() && outcomes[i].postingId() == null) {
                outcomes[i] = new Outcome(outcomes[i].movement(), ids[firstWithKey.get(movements.get(i).key())], true,
                        null);
            }
        }
        return List.of(outcomes);
    }

    /** Locks every contribution the batch touches, in id order, and answers each one's agency. */
    private static Map<UUID, String> lock(Connection connection, List<Movement> movements) throws SQLException {
        Set<UUID> ids = new TreeSet<>();
        movements.forEach(m -> ids.add(m.contributionId()));
        Map<UUID, String> agencies = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(
                "select id, agency from contribution where id = any(?) order by id for update")) {
            lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    agencies.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return agencies;
    }

    private static Map<UUID, Balances> balances(Connection connection, Set<UUID> contributions) throws SQLException {
        Map<UUID, List<EntryLine>> sums = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(PooledBudgetLedger.LATEST_BALANCES
                + " where c.id = any(?)")) {
            read.setArray(1, connection.createArrayOf("uuid", contributions.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    long balance = rows.getLong(3);
                    if (!rows.wasNull()) {
                        sums.computeIfAbsent(id, k -> new ArrayList<>()).add(new EntryLine(id.toString(),
                                LedgerAccount.valueOf(rows.getString(2)), balance));
                    }
                }
            }
        }
        Map<UUID, Balances> balances = new HashMap<>();
        sums.forEach((id, lines) -> balances.put(id, Balances.NONE.plus(lines)));
        return balances;
    }

    /** Keys already posted (checked under the locks: a batch racing this one on the same money has committed). */
    private static Map<String, Long> known(Connection connection, List<Movement> movements) throws SQLException {
        Set<String> keys = new HashSet<>();
        movements.forEach(m -> keys.add(m.key()));
        Map<String, Long> known = new HashMap<>();
        try (PreparedStatement find = connection.prepareStatement(
                "select idempotency_key, id from ledger_posting where idempotency_key = any(?)")) {
            find.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    known.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return known;
    }

    /** The postings, then all their entries: one statement each, whatever the batch's size. */
    private long[] write(Connection connection, List<Movement> movements, List<Integer> toWrite,
            List<List<EntryLine>> lines) throws SQLException {
        int n = toWrite.size();
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        String[] kinds = new String[n];
        String[] keys = new String[n];
        String[] causedBy = new String[n];
        Long[] messages = new Long[n];
        String[] reasons = new String[n];
        String[] categories = new String[n];
        java.sql.Date[] valueDates = new java.sql.Date[n];
        for (int w = 0; w < n; w++) {
            Movement m = movements.get(toWrite.get(w));
            kinds[w] = m.kind().name();
            keys[w] = m.key();
            causedBy[w] = m.cause().causedBy();
            messages[w] = m.cause().messageId();
            reasons[w] = m.cause().reason();
            categories[w] = m.category() == null ? null : m.category().trim().toUpperCase(java.util.Locale.ROOT);
            valueDates[w] = java.sql.Date.valueOf(m.cause().valueDate() != null ? m.cause().valueDate() : today.date());
        }
        Map<String, Long> written = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("insert into ledger_posting (kind,"
                + " idempotency_key, caused_by, message_id, reason, category, value_date) select k, ik, cb, m, r, c, v"
                + " from unnest(?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::bigint[], ?::text[], ?::varchar[], ?::date[]) as u (k, ik, cb, m, r, c, v)"
                + " returning id, idempotency_key")) {
            insert.setArray(1, connection.createArrayOf("varchar", kinds));
            insert.setArray(2, connection.createArrayOf("varchar", keys));
            insert.setArray(3, connection.createArrayOf("varchar", causedBy));
            insert.setArray(4, connection.createArrayOf("bigint", messages));
            insert.setArray(5, connection.createArrayOf("text", reasons));
            insert.setArray(6, connection.createArrayOf("varchar", categories));
            insert.setArray(7, connection.createArrayOf("date", valueDates));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    written.put(rows.getString(2), rows.getLong(1));
                }
            }
        }
        List<Long> postingIds = new ArrayList<>();
        List<UUID> contributions = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<Long> pence = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            ids[w] = written.get(keys[w]);
            for (EntryLine line : lines.get(w)) {
                postingIds.add(ids[w]);
                contributions.add(UUID.fromString(line.contributionId()));
                accounts.add(line.account().name());
                pence.add(line.pence());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into ledger_entry (posting_id,"
                + " contribution_id, account, pence) select * from unnest(?::bigint[], ?::uuid[], ?::varchar[],"
                + " ?::bigint[])")) {
            insert.setArray(1, connection.createArrayOf("bigint", postingIds.toArray()));
            insert.setArray(2, connection.createArrayOf("uuid", contributions.toArray()));
            insert.setArray(3, connection.createArrayOf("varchar", accounts.toArray()));
            insert.setArray(4, connection.createArrayOf("bigint", pence.toArray()));
            insert.executeUpdate();
        }
        return ids;
    }
}
