package org.joinedup.hub.socialcare;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.MessageStatus;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.platform.HubStartup.HubReady;
import org.joinedup.model.AgencyKind;

/**
 * The queue of accepted council events waiting to be applied ({@code hub.social-care.apply-queue}, read by
 * {@link SocialCareApplyRoute}). The intake puts a whole batch's message-store ids on it in one JMS transaction,
 * over one connection kept open (a Camel producer would open a connection per message). Events are queued only
 * after they are committed; should the hub stop between the two, the events it had stored but not applied are
 * queued again when it starts (applying is idempotent, so one queued twice is applied once).
 */
@ApplicationScoped
public class SocialCareApplyQueue {

    private static final Logger LOG = Logger.getLogger(SocialCareApplyQueue.class);

    @Inject
    ConnectionFactory factory;

    @Inject
    HubConfig config;

    @Inject
    EntityManager em;

    private Connection connection;

    /** Queues the stored events with these message-store ids, all or none. */
    public void send(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        try (Session session = connection().createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(config.socialCare().applyQueue()));
            for (long id : messageIds) {
                producer.send(session.createTextMessage(Long.toString(id)));
            }
            session.commit();
        } catch (JMSException e) {
            close(); // the next batch opens a new connection
            throw new IllegalStateException("could not queue " + messageIds.size() + " stored council events to be"
                    + " applied; a repeat of the batch queues them again", e);
        }
    }

    /** At start: the council events stored but neither applied nor rejected are queued again. */
    void requeueUnapplied(@Observes HubReady ready) {
        List<Long> unapplied = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "select m.id from InboundMessage m where m.agency = ?1 and m.transport = ?2 and m.status = ?3"
                                + " order by m.id", Long.class)
                .setParameter(1, AgencyKind.SOCIAL_CARE).setParameter(2, Transport.REST)
                .setParameter(3, MessageStatus.RECEIVED).getResultList());
        if (!unapplied.isEmpty()) {
            for (int from = 0; from < unapplied.size(); from += SocialCareEventsResource.MAX_BATCH) {
                send(unapplied.subList(from, Math.min(unapplied.size(), from + SocialCareEventsResource.MAX_BATCH)));
            }
            LOG.infof("Queued %d council events stored but not yet applied", unapplied.size());
        }
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            connection = factory.createConnection();
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debugf(e, "closing the connection to the apply queue");
            }
            connection = null;
        }
    }
}
