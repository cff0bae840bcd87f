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

    /** A dead letter sent back to the queue it was dead-lettered from. */
    public record Redriven(String brokerId, String queue) {
    }

    /** A dead letter that cannot be sent back: it does not say which queue it came from. */
    public static final class NotRedrivable extends RuntimeException {
        NotRedrivable(String message) {
            super(message);
        }
    }

    private static final java.util.regex.Pattern BROKER_ID = java.util.regex.Pattern.compile("ID:[0-9A-Za-z:-]{1,100}");

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
                boolean councilId = origin != null && (origin.equals(config.socialCare().applyQueue())
                        || origin.equals(config.socialCare().oneByOneQueue()))
                        && text != null && text.matches("\\d+");
                found.addFirst(new DeadLetter(m.getJMSMessageID(), origin, Instant.ofEpochMilli(m.getJMSTimestamp()),
                        m.getStringProperty(BrokerMessages.REJECTION),
                        councilId ? text : m.getStringProperty(org.joinedup.hub.inbound.HubHeaders.MESSAGE_ID),
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

    /**
     * Takes one dead letter off the queue and sends it, as it arrived (body and the sender's properties; not the
     * broker's own, nor the reason it was dead-lettered), to the queue it came from, in one broker transaction: it
     * is on exactly one of the two queues. What then happens is that queue's flow's: an event the hub had not
     * stored is stored and applied, a stored message's id is applied (at most once), and a message still unreadable
     * comes back here with its reason.
     *
     * @return empty when no dead letter has that id (never there, or sent back already)
     */
    public java.util.Optional<Redriven> redrive(String brokerId) {
        if (brokerId == null || !BROKER_ID.matcher(brokerId).matches()) {
            throw new NotRedrivable("'" + brokerId + "' is not a broker message id (ID:...)");
        }
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            jakarta.jms.MessageConsumer consumer = session.createConsumer(
                    session.createQueue(config.broker().deadLetterQueue()), "JMSMessageID = '" + brokerId + "'");
            Message dead = consumer.receive(2_000);
            if (dead == null) {
                return java.util.Optional.empty();
            }
            String origin = dead.getStringProperty("_AMQ_ORIG_QUEUE");
            if (origin == null) {
                session.rollback();
                throw new NotRedrivable("dead letter " + brokerId + " does not say which queue it came from");
            }
            Message again = BrokerMessages.copy(session, dead);
            session.createProducer(session.createQueue(origin)).send(again);
            session.commit();
            return java.util.Optional.of(new Redriven(brokerId, origin));
        } catch (jakarta.jms.InvalidDestinationException none) {
            return java.util.Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException("could not send dead letter " + brokerId + " back: " + e.getMessage(), e);
        }
    }
}
