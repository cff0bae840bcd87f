package org.joinedup.hub.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ValidationIssue;

/**
 * The message store: every inbound message is committed here before the hub acknowledges it, and a message with
 * the same agency message id (or, when the agency sends none, the same content) from the same sender is
 * recognised as a repeat. Status changes each commit on their own, so a rejection or failure stays visible even
 * when the work it was part of rolls back.
 */
@ApplicationScoped
public class InboundMessageStore {

    @Inject
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public StoredMessage receive(AgencyKind agency, Transport transport, String sender, String agencyMessageId,
            String contentType, String payload) {
        String hash = sha256(payload);
        String dedupKey = agencyMessageId != null ? "id:" + agencyMessageId : "sha256:" + hash;
        String from = sender == null ? "" : sender;
        Long inserted = (Long) em.createNativeQuery("""
                insert into inbound_message (agency, transport, sender, agency_message_id, content_hash, dedup_key,
                                             content_type, payload, status)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'RECEIVED')
                on conflict (agency, sender, dedup_key) do nothing
                returning id""", Long.class)
                .setParameter(1, agency.name()).setParameter(2, transport.name()).setParameter(3, from)
                .setParameter(4, agencyMessageId).setParameter(5, hash).setParameter(6, dedupKey)
                .setParameter(7, contentType).setParameter(8, payload)
                .getResultStream().findFirst().orElse(null);
        if (inserted != null) {
            return new StoredMessage(inserted, false, MessageStatus.RECEIVED);
        }
        InboundMessage original = InboundMessage.<InboundMessage>find(
                "agency = ?1 and sender = ?2 and dedupKey = ?3", agency, from, dedupKey).singleResult();
        original.repeats++;
        original.lastRepeatAt = Instant.now();
        return new StoredMessage(original.id, true, original.status);
    }

    /**
     * Locks the message for the current transaction and tells whether it has already been applied. Callers apply
     * a message and {@link #markApplied} it in one transaction, so two deliveries of one message cannot both
     * apply it.
     */
    @Transactional(TxType.MANDATORY)
    public boolean lockAndCheckApplied(long messageId) {
        InboundMessage message = em.find(InboundMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null) {
            throw new IllegalStateException("message " + messageId + " is not in the message store");
        }
        return message.status == MessageStatus.APPLIED;
    }

    @Transactional(TxType.MANDATORY)
    public void markApplied(long messageId) {
        setStatus(messageId, MessageStatus.APPLIED, null, null);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void markRejected(long messageId, List<ValidationIssue> issues) {
        String reasons = issues.stream().map(ValidationIssue::toString).collect(Collectors.joining("\n"));
        setStatus(messageId, MessageStatus.REJECTED, reasons, null);
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
        message.statusAt = Instant.now();
        message.reasons = reasons;
        message.error = error;
        message.attempts++;
    }

    static String sha256(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
