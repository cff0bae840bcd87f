package org.joinedup.hub.socialcare;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubConfig;

/**
 * The queue of accepted council events waiting to be applied ({@code hub.social-care.apply-queue}, read by
 * {@link SocialCareApplyRoute}). The intake puts a whole batch's message-store ids on it in one JMS transaction,
 * over one connection kept open (a Camel producer would open a connection per message). Events are queued only
 * after they are committed; should the hub stop between the two, the events it had stored but not applied are
 * queued again when it starts ({@code InboundRecovery}; applying is idempotent, so one queued twice is applied once).
 */
@ApplicationScoped
public class SocialCareApplyQueue {

    private static final Logger LOG = Logger.getLogger(SocialCareApplyQueue.class);

    @Inject
    ConnectionFactory factory;

    @Inject
    HubConfig config;

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
