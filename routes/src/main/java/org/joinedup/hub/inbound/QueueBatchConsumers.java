package org.joinedup.hub.inbound;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.jms.ConnectionFactory;

import io.quarkus.runtime.ShutdownEvent;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.platform.HubStartup.HubReady;

/**
 * Starts {@code hub.broker.consumers} batch consumers on every {@link BatchedQueue} once the database, the broker
 * and the routes are up, and stops them first when the hub stops (before the routes, the broker and the database),
 * letting the batches being applied finish.
 */
@ApplicationScoped
public class QueueBatchConsumers {

    @Inject
    ConnectionFactory factory;

    @Inject
    HubConfig config;

    @Inject
    Instance<BatchedQueue> queues;

    private final List<QueueBatches> running = new ArrayList<>();

    void start(@Observes HubReady ready) {
        for (BatchedQueue queue : queues) {
            running.add(QueueBatches.start(factory, queue.queue(), queue.oneByOneQueue(),
                    config.broker().consumers(), config.broker().batchSize(), queue::apply));
        }
    }

    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        running.forEach(QueueBatches::close);
        running.clear();
    }
}
