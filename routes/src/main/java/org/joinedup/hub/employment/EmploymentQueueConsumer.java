package org.joinedup.hub.employment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.joinedup.connectors.employment.EmploymentEventReader;
import org.joinedup.connectors.employment.EmploymentMessageId;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.InboundMessageStore.Incoming;
import org.joinedup.hub.inbound.BatchedQueue;
import org.joinedup.hub.inbound.QueueBatches;
import org.joinedup.hub.inbound.QueueBatches.Taken;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.EmploymentEvent;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ReceivedText;

/**
 * The employment services' slice, its entry: the events on {@code hub.employment.queue}, taken off in batches
 * ({@link QueueBatches}, {@code hub.broker.batch-size}). A batch's events are read by {@code EmploymentEventReader}
 * (module connectors), stored in the message store in one statement and applied by {@link EmploymentEventApplier},
 * all in one database transaction, and acknowledged in one broker transaction. An event that is not readable text,
 * not a valid event or above its stream's ceiling, and every event of a batch that fails, is taken one by one by
 * {@link EmploymentQueueRoute} instead, which rejects it with its reason (dead-letter queue) or applies it alone.
 */
@ApplicationScoped
public class EmploymentQueueConsumer implements BatchedQueue {

    private final EmploymentMessageId messageId = new EmploymentMessageId();
    private final EmploymentEventReader reader = new EmploymentEventReader();

    @Inject
    HubConfig config;

    @Inject
    InboundMessageStore store;

    @Inject
    EmploymentEventApplier applier;

    @Inject
    EntityManager em;

    @Override
    public String queue() {
        return config.employment().queue();
    }

    @Override
    public String oneByOneQueue() {
        return config.employment().oneByOneQueue();
    }

    /** One batch: what reads as valid events is stored and applied in one transaction; the rest goes one by one. */
    @Override
    public List<Taken> apply(List<Taken> messages) {
        List<Taken> alone = new ArrayList<>();
        List<Incoming> incoming = new ArrayList<>(messages.size());
        List<EmploymentEvent> events = new ArrayList<>(messages.size());
        for (Taken message : messages) {
            byte[] received = message.body();
            try {
                String payload = ReceivedText.utf8(received);
                if (!ReceivedText.isExactly(received, payload)) {
                    alone.add(message); // kept with its bytes as received, one by one
                    continue;
                }
                EmploymentEvent event = reader.read(payload);
                applier.refuseAboveCeiling(event);
                incoming.add(new Incoming(messageId.of(payload), payload));
                events.add(event);
            } catch (InvalidMessageException bad) {
                alone.add(message); // rejected there with its reason, and dead-lettered
            }
        }
        if (!incoming.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                applier.lockAhead(events); // first: each event's link then finds its claimant's keys held
                List<StoredMessage> stored = store.receiveAll(AgencyKind.EMPLOYMENT, Transport.QUEUE,
                        config.employment().queue(), "application/json", incoming);
                QueueBatches.applyEach(em, java.util.stream.IntStream.range(0, stored.size()).boxed().toList(),
                        i -> applier.apply(events.get(i), stored.get(i).id()));
            });
        }
        return alone;
    }
}
