package org.joinedup.hub.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.hub.socialcare.SocialCareApplyQueue;

/**
 * Sends stored messages ({@code RECEIVED}) to their flow's applier again: council events back on their apply queue,
 * employment events to the employment applier. Used for a replay, for messages released when what they waited for
 * arrived, and for messages a hub stopped before applying. Applying is idempotent, so a message sent twice is
 * applied once.
 */
@ApplicationScoped
public class MessageDispatch {

    private static final Logger LOG = Logger.getLogger(MessageDispatch.class);
    private static final int CHUNK = 1_000;

    @Inject
    SocialCareApplyQueue socialCare;

    @Inject
    ProducerTemplate camel;

    private final ExecutorService later = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "joinedup-message-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    /** Whether the hub itself can send a message of this kind to be applied again (the others are resent by their senders). */
    public static boolean dispatchable(InboundMessage message) {
        return switch (message.transport) {
            case REST -> message.agency == org.joinedup.model.AgencyKind.SOCIAL_CARE;
            case QUEUE -> message.agency == org.joinedup.model.AgencyKind.EMPLOYMENT;
            case FILE, FHIR_REST -> false;
        };
    }

    /**
     * Sends the message to be applied now, in this thread: a council event is queued, an employment event applied
     * (its outcome recorded by the error policy).
     */
    public void now(InboundMessage message) {
        switch (message.agency) {
            case SOCIAL_CARE -> socialCare.send(List.of(message.id));
            case EMPLOYMENT -> {
                try {
                    camel.sendBodyAndHeader(HubEndpoints.APPLY_EMPLOYMENT_EVENT, message.payload,
                            HubHeaders.MESSAGE_ID, message.id);
                } catch (CamelExecutionException failed) {
                    // the error policy has recorded it (failed, rejected or waiting), with its reason
                    LOG.infof("message %d was not applied: %s", message.id, failed.getCause());
                }
            }
            default -> throw new IllegalArgumentException("message " + message.id + " from " + message.agency
                    + " is not sent again by the hub");
        }
    }

    /**
     * Sends these messages to be applied, in id order, on a thread of its own (after a commit, say, or for the
     * messages a hub stopped before applying): those still {@code RECEIVED}, a thousand at a time, council events
     * queued together in one JMS transaction per thousand.
     */
    public void later(List<Long> messageIds) {
        later.submit(() -> {
            try {
                for (int from = 0; from < messageIds.size(); from += CHUNK) {
                    List<Long> chunk = messageIds.subList(from, Math.min(messageIds.size(), from + CHUNK));
                    List<InboundMessage> messages = QuarkusTransaction.requiringNew().call(() -> InboundMessage
                            .<InboundMessage>list("id in ?1 and status = ?2 order by id", chunk,
                                    MessageStatus.RECEIVED));
                    List<Long> council = new ArrayList<>();
                    for (InboundMessage message : messages) {
                        if (message.agency == org.joinedup.model.AgencyKind.SOCIAL_CARE) {
                            council.add(message.id);
                        } else if (dispatchable(message)) {
                            now(message);
                        }
                    }
                    socialCare.send(council);
                }
            } catch (RuntimeException e) {
                // they stay RECEIVED: the next start sends them again
                LOG.errorf(e, "could not send messages %s to be applied; they are sent again when the hub starts",
                        messageIds);
            }
        });
    }

    @PreDestroy
    void stop() {
        later.shutdown();
    }
}
