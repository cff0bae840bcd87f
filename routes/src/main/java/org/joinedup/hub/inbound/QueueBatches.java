package org.joinedup.hub.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.jboss.logging.Logger;

/**
 * Takes a queue's messages off in batches, each batch in one broker transaction: up to {@code batchSize} messages
 * that are there together are handed to the {@link Batch}, which stores and applies them in one database transaction
 * and answers which it left to be taken one by one; those are moved to the queue's one-by-one queue in the same
 * broker transaction that acknowledges the batch, so every message is acknowledged only once it is applied or
 * waits, exactly once, on the one-by-one queue. When the batch's database transaction fails, it rolls back whole; it is
 * tried again whole when the failure may pass (a deadlock with another batch, two batches making the same person),
 * up to three times, and otherwise every message of the batch goes one by one, where the hub's error policy handles each alone (rejection with its
 * reason, retry, dead-letter queue). A crash before the broker's commit redelivers the batch; the message store
 * recognises what was applied. {@code consumers} threads take batches in parallel.
 */
public final class QueueBatches implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueBatches.class);
    /** How many times a batch that failed for a reason that may pass (a lock) is tried whole. */
    private static final int ATTEMPTS = 3;

    /** A message taken off the queue, with its body as it was read when it was taken. */
    public record Taken(Message message, byte[] body) {
    }

    /** What a batch does with the messages it is given. */
    public interface Batch {

        /**
         * Stores and applies the messages it can in one transaction of its own.
         *
         * @return the messages left to be taken one by one (those it could not read, say); throwing leaves all of
         *         them one by one, its transaction rolled back
         */
        List<Taken> apply(List<Taken> messages) throws Exception;
    }

    private final ConnectionFactory factory;
    private final String queue;
    private final String oneByOneQueue;
    private final int batchSize;
    private final Batch batch;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private QueueBatches(ConnectionFactory factory, String queue, String oneByOneQueue, int batchSize, Batch batch) {
        this.factory = factory;
        this.queue = queue;
        this.oneByOneQueue = oneByOneQueue;
        this.batchSize = batchSize;
        this.batch = batch;
    }

    /** Starts {@code consumers} threads taking batches off {@code queue}. */
    public static QueueBatches start(ConnectionFactory factory, String queue, String oneByOneQueue, int consumers,
            int batchSize, Batch batch) {
        QueueBatches batches = new QueueBatches(factory, queue, oneByOneQueue, batchSize, batch);
        for (int i = 1; i <= consumers; i++) {
            Thread thread = new Thread(batches::consume, "joinedup-batches-" + queue + "-" + i);
            thread.setDaemon(true);
            batches.threads.add(thread);
            thread.start();
        }
        return batches;
    }

    private void consume() {
        while (running) {
            try (Connection connection = factory.createConnection();
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                MessageProducer oneByOne = session.createProducer(session.createQueue(oneByOneQueue));
                oneByOne.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection.start();
                while (running) {
                    takeBatch(session, consumer, oneByOne);
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    // what was taken and not committed is redelivered; the message store recognises any applied
                    LOG.warnf("taking batches off %s: %s; connecting again in a second", queue, e.getMessage());
                    pause();
                }
            }
        }
    }

    private void takeBatch(Session session, MessageConsumer consumer, MessageProducer oneByOne) throws JMSException {
        Message first = consumer.receive(500);
        if (first == null) {
            return;
        }
        List<Taken> messages = new ArrayList<>(batchSize);
        // each body read before the next message is taken: what is left of a large one is gone after that
        messages.add(new Taken(first, BrokerMessages.bytes(first)));
        for (Message next = consumer.receiveNoWait(); next != null; next = messages.size() < batchSize
                ? consumer.receiveNoWait() : null) {
            messages.add(new Taken(next, BrokerMessages.bytes(next)));
        }
        List<Taken> alone = messages;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                alone = batch.apply(messages);
                break;
            } catch (Exception failed) {
                if (attempt < ATTEMPTS && HubErrorPolicy.isTransient(failed)) {
                    // another batch held what this one needed (a deadlock, the same new person): again, whole
                    LOG.debugf("a batch of %d messages from %s is tried again: %s", messages.size(), queue, failed);
                    pauseBeforeAgain(attempt);
                    continue;
                }
                LOG.infof("a batch of %d messages from %s was not applied (%s): each is taken one by one",
                        messages.size(), queue, failed);
            }
        }
        for (Taken taken : alone) {
            oneByOne.send(BrokerMessages.copy(session, taken.message(), taken.body()));
        }
        session.commit();
    }

    /**
     * Applies each item in the current transaction, writing what each did and letting it go before the next: in a
     * persistence context holding a whole batch's entities, every flush would go through all of them.
     */
    public static <T> void applyEach(jakarta.persistence.EntityManager em, List<T> items,
            java.util.function.Consumer<T> apply) {
        for (T item : items) {
            apply.accept(item);
            em.flush();
            em.clear();
        }
    }

    /** A short wait, longer each time and different per consumer, so the batch in the way can finish first. */
    private static void pauseBeforeAgain(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 100) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking batches: the batches being applied are finished and acknowledged first. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
