package org.joinedup.hub.support;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;

/**
 * Takes one test's message off the shared hub's dead-letter queue: others' dead letters ahead of it are taken too
 * (each test finds its own whatever ran before), and the polling consumer is let go afterwards, so it does not keep
 * taking the dead letters later tests look for.
 */
public final class DeadLetterQueue {

    private DeadLetterQueue() {
    }

    /** The dead letter whose body is {@code body}, waiting at most {@code timeout}; null if it never comes. */
    public static Exchange take(ConsumerTemplate consumer, String body, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(until)) {
                Exchange dead = consumer.receive("jms:queue:DLQ", Math.max(1,
                        Duration.between(Instant.now(), until).toMillis()));
                if (dead != null && body.equals(dead.getMessage().getBody(String.class))) {
                    return dead;
                }
            }
            return null;
        } finally {
            try {
                consumer.cleanUp();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
