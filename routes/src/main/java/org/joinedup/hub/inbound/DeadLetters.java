package org.joinedup.hub.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.joinedup.connectors.employment.EmploymentQueueInboundRoute;
import org.joinedup.hub.platform.HubConfig;

/**
 * What waits on the broker's dead-letter queue ({@code hub.broker.dead-letter-queue}), browsed without taking
 * anything off it: a message the hub could not read at all, or a council event id whose applying kept failing
 * (its stored message is {@code FAILED} and can be replayed from the message store).
 */
@ApplicationScoped
public class DeadLetters {

    /** At most this many are listed: the newest. */
    public static final int LIMIT = 200;

    /** How many wait on the queue, and the newest of them, newest first. */
    public record Queue(int total, List<DeadLetter> newest) {
    }

    /** One dead letter: the broker's id, the queue it was sent to, when, why, and the first of its text. */
    public record DeadLetter(String brokerId, String originalQueue, Instant sentAt, String reason,
            String storedMessageId, String start) {
    }

    @Inject
    ConnectionFactory factory;

    @Inject
    HubConfig config;

    public Queue list() {
        java.util.ArrayDeque<DeadLetter> found = new java.util.ArrayDeque<>();
        int total = 0;
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            QueueBrowser browser = session.createBrowser(session.createQueue(config.broker().deadLetterQueue()));
            for (Object each : Collections.list(browser.getEnumeration())) {
                total++;
                if (found.size() == LIMIT) {
                    found.removeLast();
                }
                Message m = (Message) each;
                String text = m instanceof TextMessage t ? t.getText() : null;
                String origin = m.getStringProperty("_AMQ_ORIG_QUEUE");
                boolean councilId = origin != null && origin.equals(config.socialCare().applyQueue())
                        && text != null && text.matches("\\d+");
                found.addFirst(new DeadLetter(m.getJMSMessageID(), origin, Instant.ofEpochMilli(m.getJMSTimestamp()),
                        m.getStringProperty(EmploymentQueueInboundRoute.REJECTION_HEADER),
                        councilId ? text : m.getStringProperty(org.joinedup.connectors.HubHeaders.MESSAGE_ID),
                        text == null ? null
                                : text.length() > 200 ? text.substring(0, 200) + "…" : text));
            }
        } catch (jakarta.jms.InvalidDestinationException none) {
            return new Queue(0, List.of()); // an external broker without the queue yet: nothing has been dead-lettered
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse the dead-letter queue: " + e.getMessage(), e);
        }
        return new Queue(total, new ArrayList<>(found));
    }
}
