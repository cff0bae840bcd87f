package org.joinedup.hub.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The audit of every read and write of personal data: append-only (PostgreSQL refuses updates and deletes) and
 * tamper-evident (each entry's hash covers the previous entry's). The chain's head row is locked while entries are
 * added, so concurrent requests (and instances) cannot fork it; entries are committed in their own transaction,
 * many requests' together, before the answer they audit is sent.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = """
            insert into audit_entry (seq, recorded_at, user_name, organisation, roles, purpose, person_id, categories,
                action, endpoint, resources, outcome, detail, client_address, previous_hash, hash)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """;

    @Inject
    EntityManager em;

    /**
     * Appends the entries to the chain and commits them before it returns. Requests arriving while another's entries
     * are being committed queue, and the next of them commits every entry queued meanwhile in one transaction (group
     * commit): the chain is still written one entry after the other under the head's lock, but a flush to disk
     * serves many requests instead of one, so the audit no longer makes every request wait in single file.
     */
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Pending mine = new Pending(entries);
        queued.add(mine);
        while (!mine.written) {
            writing.lock();
            try {
                if (!mine.written) {
                    writeQueued();
                }
            } finally {
                writing.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Entries one request asked to append, and how that went. */
    private static final class Pending {
        final List<AuditEntry> entries;
        volatile boolean written;
        volatile RuntimeException failure;

        Pending(List<AuditEntry> entries) {
            this.entries = entries;
        }
    }

    private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    /** Under {@link #writing}: commits everything queued, together; if that fails, each request's entries alone. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            batch.add(next);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(batch));
        } catch (RuntimeException together) {
            if (batch.size() == 1) {
                batch.get(0).failure = together;
            } else {
                // one request's entries must not fail the others': each is tried on its own
                for (Pending one : batch) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> insert(List.of(one)));
                    } catch (RuntimeException alone) {
                        one.failure = alone;
                    }
                }
            }
        }
        batch.forEach(done -> done.written = true);
    }

    private static final int MAX_BATCH = 500;

    private void insert(List<Pending> batch) {
        Object[] head = (Object[]) em.createNativeQuery(
                "select seq, hash from audit_chain_head where id = 1 for update").getSingleResult();
        long seq = ((Number) head[0]).longValue();
        String previous = (String) head[1];
        for (Pending pending : batch) {
            for (AuditEntry given : pending.entries) {
                AuditEntry entry = given.fitted();
                seq++;
                String hash = entry.hash(seq, previous);
                em.createNativeQuery(INSERT).setParameter(1, seq).setParameter(2, Timestamp.from(entry.at()))
                        .setParameter(3, entry.user()).setParameter(4, entry.organisation())
                        .setParameter(5, entry.roles()).setParameter(6, entry.purpose())
                        .setParameter(7, entry.personId()).setParameter(8, entry.categories())
                        .setParameter(9, entry.action()).setParameter(10, entry.endpoint())
                        .setParameter(11, entry.resources()).setParameter(12, entry.outcome().name())
                        .setParameter(13, entry.detail()).setParameter(14, entry.clientAddress())
                        .setParameter(15, previous).setParameter(16, hash).executeUpdate();
                previous = hash;
            }
        }
        em.createNativeQuery("update audit_chain_head set seq = ?1, hash = ?2 where id = 1")
                .setParameter(1, seq).setParameter(2, previous).executeUpdate();
    }

    /** Now, as the audit stores it (PostgreSQL keeps microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The result of recomputing the chain. */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String reason) {
    }

    /** Recomputes every entry's hash in order and names the first entry that does not match. */
    @Transactional
    public Verification verify() {
        // the head as it is now: entries added while the chain is read are after it, checked next time
        Object[] head = (Object[]) em.createNativeQuery("select seq, hash from audit_chain_head where id = 1")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        String previous = "0".repeat(64);
        long expectedSeq = 0;
        long checked = 0;
        final int page = 5_000;
        while (true) {
            List<StoredEntry> batch = page(expectedSeq, page).stream().filter(e -> e.seq() <= headSeq).toList();
            for (StoredEntry stored : batch) {
                expectedSeq++;
                checked++;
                if (stored.seq() != expectedSeq) {
                    return new Verification(false, checked, expectedSeq, "entry " + expectedSeq
                            + " is missing (the next is " + stored.seq() + ")");
                }
                if (!stored.previousHash().equals(previous)) {
                    return new Verification(false, checked, stored.seq(), "entry " + stored.seq()
                            + " does not follow the entry before it (its previous hash differs)");
                }
                String recomputed = stored.entry().hash(stored.seq(), previous);
                if (!recomputed.equals(stored.hash())) {
                    return new Verification(false, checked, stored.seq(), "entry " + stored.seq()
                            + " was changed after it was written (its hash does not match its contents)");
                }
                previous = stored.hash();
            }
            if (batch.size() < page) {
                break;
            }
        }
        if (headSeq != expectedSeq || !previous.equals(head[1])) {
            return new Verification(false, checked, expectedSeq + 1, "the chain's head says entry " + head[0]
                    + " is the last, but the audit ends at entry " + expectedSeq + ": entries were removed");
        }
        return new Verification(true, checked, null, null);
    }

    /** An entry as stored, with its place in the chain. */
    public record StoredEntry(long seq, AuditEntry entry, String previousHash, String hash) {
    }

    /** Entries after {@code afterSeq}, in order. */
    @Transactional
    public List<StoredEntry> page(long afterSeq, int limit) {
        return select("seq > ?1 order by seq", limit, afterSeq);
    }

    /** One person's entries, oldest first. */
    @Transactional
    public List<StoredEntry> ofPerson(UUID personId) {
        return select("person_id = ?1 order by seq", 100_000, personId);
    }

    /** Entries with these outcomes (break-glass uses, denied attempts), newest first. */
    @Transactional
    public List<StoredEntry> withOutcome(AuditEntry.Outcome outcome, int limit) {
        return select("outcome = ?1 order by seq desc", limit, outcome.name());
    }

    private List<StoredEntry> select(String where, int limit, Object parameter) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, recorded_at, user_name, organisation, roles,"
                + " purpose, person_id, categories, action, endpoint, resources, outcome, detail, client_address,"
                + " previous_hash, hash from audit_entry where " + where).setParameter(1, parameter)
                .setMaxResults(limit).getResultList();
        List<StoredEntry> entries = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Instant at = r[1] instanceof Timestamp t ? t.toInstant()
                    : r[1] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) r[1];
            entries.add(new StoredEntry(((Number) r[0]).longValue(), new AuditEntry(at, (String) r[2],
                    (String) r[3], (String) r[4], (String) r[5], (UUID) r[6], (String) r[7], (String) r[8],
                    (String) r[9], (String) r[10], AuditEntry.Outcome.valueOf((String) r[11]), (String) r[12],
                    (String) r[13]), (String) r[14], (String) r[15]));
        }
        return entries;
    }
}
