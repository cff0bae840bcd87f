package org.joinedup.hub.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.micrometer.core.instrument.MeterRegistry;
import org.hibernate.Session;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ReceivedText;
import org.joinedup.model.ValidationIssue;

/**
 * The message store: every inbound message is committed here before the hub acknowledges it, and a message with
 * the same agency message id (or, when the agency sends none, the same content within
 * {@code hub.inbound.repeat-window}) from the same sender is recognised as a repeat. Status changes each commit on
 * their own, so a rejection or failure stays visible even when the work it was part of rolls back (a batch's
 * rejections commit with the batch).
 */
@ApplicationScoped
public class InboundMessageStore {

    private static final String INSERT = """
            insert into inbound_message (agency, transport, sender, agency_message_id, content_hash, dedup_key,
                                         content_type, payload, payload_file, status)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED')
            on conflict (agency, sender, dedup_key) do nothing
            returning id""";

    /** Many messages at once: one statement, arrays in; the ids of the rows inserted (not the repeats) out. */
    private static final String INSERT_ALL = """
            insert into inbound_message (agency, transport, sender, agency_message_id, content_hash, dedup_key,
                                         content_type, payload, status)
            select ?, ?, ?, m.agency_message_id, m.content_hash, m.dedup_key, ?, m.payload, 'RECEIVED'
            from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                 as m (agency_message_id, content_hash, dedup_key, payload)
            order by m.dedup_key
            on conflict (agency, sender, dedup_key) do nothing
            returning id, dedup_key""";

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @Inject
    MessageDispatch dispatch;

    @Transactional(TxType.REQUIRES_NEW)
    public StoredMessage receive(AgencyKind agency, Transport transport, String sender, String agencyMessageId,
            String contentType, String payload) {
        return receive(agency, transport, sender, agencyMessageId, contentType, payload, null, sha256(payload));
    }

    /**
     * One message of a batch: the agency's id for it (null when it sends none), the payload, and the bytes as
     * received when they are not exactly the payload (else null).
     */
    public record Incoming(String agencyMessageId, String payload, byte[] received) {

        public Incoming(String agencyMessageId, String payload) {
            this(agencyMessageId, payload, null);
        }
    }

    /**
     * Stores bytes that are not text the hub can read (not UTF-8, a NUL) exactly as they arrived, with a readable
     * rendering as the payload; recognised as a repeat by their content.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public StoredMessage receiveBytes(AgencyKind agency, Transport transport, String sender, String contentType,
            byte[] received) {
        String shown = ReceivedText.shown(received);
        StoredMessage stored = receive(agency, transport, sender, null, contentType, shown, null, sha256(received));
        if (!stored.repeat() && !ReceivedText.isExactly(received, shown)) {
            keepRaw(stored.id(), received);
        }
        return stored;
    }

    /** Stores text whose bytes as received were not exactly it (a byte-order mark): the bytes are kept too. */
    @Transactional(TxType.REQUIRES_NEW)
    public StoredMessage receiveKeepingBytes(AgencyKind agency, Transport transport, String sender,
            String agencyMessageId, String contentType, String payload, byte[] received) {
        StoredMessage stored = receive(agency, transport, sender, agencyMessageId, contentType, payload, null,
                sha256(payload));
        if (!stored.repeat()) {
            keepRaw(stored.id(), received);
        }
        return stored;
    }

    private void keepRaw(long messageId, byte[] received) {
        em.createNativeQuery("update inbound_message set raw_payload = ?1 where id = ?2").setParameter(1, received)
                .setParameter(2, messageId).executeUpdate();
    }

    /**
     * Stores a batch of messages from one sender in the caller's transaction, the new ones with one statement; each
     * is recognised as a repeat exactly as by {@link #receive(AgencyKind, Transport, String, String, String, String)},
     * in the order given (a message repeated within the batch is a repeat of its first occurrence).
     *
     * @return what became of each message, in the order given
     */
    @Transactional(TxType.MANDATORY)
    public List<StoredMessage> receiveAll(AgencyKind agency, Transport transport, String sender, String contentType,
            List<Incoming> messages) {
        String from = sender == null ? "" : sender;
        int n = messages.size();
        String[] ids = new String[n];
        String[] hashes = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = messages.get(i).agencyMessageId();
            payloads[i] = messages.get(i).payload();
            hashes[i] = sha256(payloads[i]);
            keys[i] = dedupKey(ids[i], hashes[i]);
        }
        Map<String, Long> inserted = insertAll(agency, transport, from, contentType, ids, hashes, keys, payloads);
        List<StoredMessage> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Long id = inserted.remove(keys[i]);
            if (id != null) {
                count(agency, transport, false);
                if (messages.get(i).received() != null) {
                    keepRaw(id, messages.get(i).received());
                }
                stored.add(new StoredMessage(id, false, MessageStatus.RECEIVED));
            } else {
                stored.add(receive(agency, transport, from, ids[i], contentType, payloads[i], null, hashes[i]));
            }
        }
        return stored;
    }

    private StoredMessage receive(AgencyKind agency, Transport transport, String sender, String agencyMessageId,
            String contentType, String payload, String payloadFile, String hash) {
        String dedupKey = dedupKey(agencyMessageId, hash);
        String from = sender == null ? "" : sender;
        Long inserted = insert(agency, transport, from, agencyMessageId, hash, dedupKey, contentType, payload,
                payloadFile);
        count(agency, transport, inserted == null);
        if (inserted != null) {
            return new StoredMessage(inserted, false, MessageStatus.RECEIVED);
        }
        InboundMessage original = InboundMessage.<InboundMessage>find(
                "agency = ?1 and sender = ?2 and dedupKey = ?3", agency, from, dedupKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResult();
        if (agencyMessageId == null && original.receivedAt.isBefore(Instant.now().minus(config.inbound().repeatWindow()))) {
            // The same content without an id, long after the original, is a new message (a budget set back to an
            // earlier amount, say), not a retry: the original keeps its row under a key of its own.
            original.dedupKey = dedupKey + "@" + original.id;
            em.flush();
            return new StoredMessage(insert(agency, transport, from, null, hash, dedupKey, contentType, payload,
                    payloadFile), false, MessageStatus.RECEIVED);
        }
        original.repeats++;
        original.lastRepeatAt = Instant.now();
        return new StoredMessage(original.id, true, original.status);
    }

    /**
     * Stores a file: its content is copied under {@code <data dir>/files/} (files can be large) and the message row
     * points at the copy. Repeats are recognised by content, as for any message without an id.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public StoredMessage receiveFile(AgencyKind agency, String sender, Path file, String contentType) {
        String hash = sha256(file);
        Path copy = config.dataDir().resolve("files").resolve(hash);
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy)) {
                Path partial = copy.resolveSibling(hash + ".part");
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a copy of " + file, e);
        }
        return receive(agency, Transport.FILE, sender, null, contentType, null, copy.toString(), hash);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dedupKey(String agencyMessageId, String hash) {
        return agencyMessageId != null ? "id:" + agencyMessageId : "sha256:" + hash;
    }

    private void count(AgencyKind agency, Transport transport, boolean repeat) {
        afterCommit(() -> metrics.counter("hub.inbound.messages", "agency", agency.name(), "transport",
                transport.name(), "repeat", Boolean.toString(repeat)).increment());
    }

    private void countOutcome(AgencyKind agency, MessageStatus status) {
        afterCommit(() -> metrics.counter("hub.inbound.outcomes", "agency", agency.name(), "status", status.name())
                .increment());
    }

    /**
     * Done once the current transaction commits, never if it rolls back: a batch rolled back and applied again one
     * by one is counted once.
     */
    private void afterCommit(Runnable then) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    then.run();
                }
            }
        });
    }

    private Map<String, Long> insertAll(AgencyKind agency, Transport transport, String from, String contentType,
            String[] ids, String[] hashes, String[] keys, String[] payloads) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                insert.setString(1, agency.name());
                insert.setString(2, transport.name());
                insert.setString(3, from);
                insert.setString(4, contentType);
                insert.setArray(5, connection.createArrayOf("text", ids));
                insert.setArray(6, connection.createArrayOf("text", hashes));
                insert.setArray(7, connection.createArrayOf("text", keys));
                insert.setArray(8, connection.createArrayOf("text", payloads));
                Map<String, Long> inserted = new HashMap<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.put(rows.getString(2), rows.getLong(1));
                    }
                }
                return inserted;
            }
        });
    }

    private Long insert(AgencyKind agency, Transport transport, String from, String agencyMessageId, String hash,
            String dedupKey, String contentType, String payload, String payloadFile) {
        // Plain JDBC: a native query through Hibernate would fill its query-plan cache with one entry per call.
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, agency.name());
                insert.setString(2, transport.name());
                insert.setString(3, from);
                insert.setString(4, agencyMessageId);
                insert.setString(5, hash);
                insert.setString(6, dedupKey);
                insert.setString(7, contentType);
                insert.setString(8, payload);
                insert.setString(9, payloadFile);
                try (ResultSet key = insert.executeQuery()) {
                    return key.next() ? key.getLong(1) : null;
                }
            }
        });
    }

    /**
     * The intake's one guard around every agency's applier: locks the stored message for the current transaction,
     * has it applied by {@code apply} unless it was applied already (then the answer is {@code whenApplied}'s), and
     * marks it applied in the same transaction, so two deliveries of one message, on one instance or two, cannot
     * both apply it and a crash before the commit leaves it to be applied whole again.
     */
    @Transactional(TxType.MANDATORY)
    public <T> T applyOnce(long messageId, Supplier<T> whenApplied, Supplier<T> apply) {
        if (lockAndCheckApplied(messageId)) {
            return whenApplied.get();
        }
        T outcome = apply.get();
        markApplied(messageId);
        return outcome;
    }

    /** {@link #applyOnce(long, Supplier, Supplier)} of an applier that answers nothing. */
    @Transactional(TxType.MANDATORY)
    public void applyOnce(long messageId, Runnable apply) {
        applyOnce(messageId, () -> null, () -> {
            apply.run();
            return null;
        });
    }

    private boolean lockAndCheckApplied(long messageId) {
        InboundMessage message = em.find(InboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null) {
            throw new IllegalStateException("message " + messageId + " is not in the message store");
        }
        return message.status == MessageStatus.APPLIED;
    }

    private void markApplied(long messageId) {
        setStatus(messageId, MessageStatus.APPLIED, null, null);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void markRejected(long messageId, List<ValidationIssue> issues) {
        reject(messageId, issues);
    }

    /** Marks a message rejected in the caller's transaction (one that stored it, a batch, say). */
    @Transactional(TxType.MANDATORY)
    public void reject(long messageId, List<ValidationIssue> issues) {
        String reasons = issues.stream().map(ValidationIssue::toString).collect(Collectors.joining("\n"));
        setStatus(messageId, MessageStatus.REJECTED, reasons, null);
    }

    /**
     * Parks the message {@code WAITING} for what it depends on, unless that arrived meanwhile: then the message is
     * {@code RECEIVED} again and the answer is true (the caller has it applied now). Both this and
     * {@link #dependencyMet} take a lock on the dependency, so a message can never start waiting just after what it
     * waits for arrived.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean markWaiting(long messageId, String dependency, String reason) {
        return park(messageId, dependency, reason);
    }

    /**
     * {@link #markWaiting} in the caller's transaction (a batch that finds a message of its own cannot be applied
     * yet): true when what it waits for arrived meanwhile, and the caller applies it now.
     */
    @Transactional(TxType.MANDATORY)
    public boolean park(long messageId, String dependency, String reason) {
        lockDependency(dependency);
        InboundMessage message = em.find(InboundMessage.class, messageId);
        if (message.status == MessageStatus.APPLIED) {
            return false;
        }
        boolean met = ((Number) em.createNativeQuery(
                "select count(*) from inbound_dependency_met where dependency = ?1").setParameter(1, dependency)
                .getSingleResult()).longValue() > 0;
        message.statusAt = Instant.now();
        if (met) {
            message.status = MessageStatus.RECEIVED;
            message.waitingFor = null;
            return true;
        }
        message.status = MessageStatus.WAITING;
        message.waitingFor = dependency;
        message.reasons = reason;
        message.attempts++;
        countOutcome(message.agency, MessageStatus.WAITING);
        return false;
    }

    /**
     * Says, in the transaction applying it, that what messages may wait for has arrived (an allocation): the messages
     * waiting for it are {@code RECEIVED} again and, once this transaction commits, sent to be applied.
     */
    @Transactional(TxType.MANDATORY)
    public void dependencyMet(String dependency, long messageId) {
        lockDependency(dependency);
        em.createNativeQuery("insert into inbound_dependency_met (dependency, message_id) values (?1, ?2)"
                + " on conflict (dependency) do nothing").setParameter(1, dependency).setParameter(2, messageId)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> waiting = em.createNativeQuery("select id from inbound_message where status = 'WAITING'"
                + " and waiting_for = ?1 order by id for update").setParameter(1, dependency).getResultList();
        if (waiting.isEmpty()) {
            return;
        }
        List<Long> released = waiting.stream().map(Number::longValue).toList();
        // the same rows: they are locked, and no message starts waiting while the dependency's lock is held
        em.createNativeQuery("update inbound_message set status = 'RECEIVED', waiting_for = null, status_at = now()"
                + " where status = 'WAITING' and waiting_for = ?1").setParameter(1, dependency).executeUpdate();
        afterCommit(() -> dispatch.later(released));
    }

    private void lockDependency(String dependency) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, dependency).getSingleResult();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void markFailed(long messageId, String error) {
        setStatus(messageId, MessageStatus.FAILED, null, error);
    }

    private void setStatus(long messageId, MessageStatus status, String reasons, String error) {
        InboundMessage message = em.find(InboundMessage.class, messageId);
        if (message.status == MessageStatus.APPLIED && status != MessageStatus.APPLIED) {
            return; // a late failure of a repeat never overwrites the fact that the original was applied
        }
        message.status = status;
        message.waitingFor = null;
        message.statusAt = Instant.now();
        countOutcome(message.agency, status);
        message.reasons = reasons;
        message.error = error;
        message.attempts++;
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String payload) {
        return sha256(payload.getBytes(StandardCharsets.UTF_8));
    }
}
