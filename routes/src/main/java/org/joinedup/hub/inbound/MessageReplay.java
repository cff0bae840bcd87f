package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * An operator's replay of a message that ended {@code FAILED} (not the message's fault: a database outage, an event
 * that overtook the one it depends on): it goes through its flow's applier again, which applies it once or records
 * why not. Council events go back on their apply queue; employment events are applied at once. Files and NHS pushes
 * are not replayed here: the sender sends them again (a repeat is recognised and applied once).
 */
@ApplicationScoped
public class MessageReplay {

    private static final Logger LOG = Logger.getLogger(MessageReplay.class);

    /** Why a message cannot be replayed. */
    public static class NotReplayable extends RuntimeException {
        public NotReplayable(String message) {
            super(message);
        }
    }

    @Inject
    MessageDispatch dispatch;

    @Inject
    InboundMessageStore store;

    /** Replays the message; answers its status afterwards. */
    public MessageStatus replay(long messageId, String by) {
        InboundMessage message = claim(messageId);
        LOG.infof("message %d (%s %s) replayed by %s", messageId, message.agency, message.transport, by);
        if (!MessageDispatch.dispatchable(message)) {
            store.markFailed(messageId, "not replayable from the hub: " + message.agency);
            throw new NotReplayable("message " + messageId + " is from " + message.agency
                    + ", which the hub does not replay");
        }
        try {
            dispatch.now(message);
        } catch (RuntimeException notQueued) {
            store.markFailed(messageId, "replay by " + by + " could not be queued: " + notQueued.getMessage());
            throw notQueued;
        }
        return status(messageId);
    }

    /** Checks the message may be replayed and marks it received again (so two replays do not both run it). */
    @Transactional
    InboundMessage claim(long messageId) {
        InboundMessage message = InboundMessage.findById(messageId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (message == null) {
            throw new jakarta.ws.rs.NotFoundException("no message " + messageId);
        }
        if (message.status != MessageStatus.FAILED) {
            throw new NotReplayable("message " + messageId + " is " + message.status + "; only a FAILED message is"
                    + " replayed");
        }
        if (message.transport == InboundMessage.Transport.FILE
                || message.transport == InboundMessage.Transport.FHIR_REST) {
            throw new NotReplayable("message " + messageId + " came as a " + (message.transport
                    == InboundMessage.Transport.FILE ? "file: put the file in the inbox again" : "FHIR push: the"
                            + " trust sends it again") + "; the repeat is recognised and applied once");
        }
        message.status = MessageStatus.RECEIVED;
        message.statusAt = java.time.Instant.now();
        return message;
    }

    @Transactional
    MessageStatus status(long messageId) {
        return InboundMessage.<InboundMessage>findById(messageId).status;
    }
}
