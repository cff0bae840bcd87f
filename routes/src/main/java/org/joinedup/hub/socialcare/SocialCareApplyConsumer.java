package org.joinedup.hub.socialcare;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.joinedup.hub.inbound.BatchedQueue;
import org.joinedup.hub.inbound.QueueBatches;
import org.joinedup.hub.inbound.QueueBatches.Taken;
import org.joinedup.hub.platform.HubConfig;

/**
 * Council events accepted over HTTP, applied in batches: the intake puts the stored events' ids on
 * {@code hub.social-care.apply-queue}, and this takes up to {@code hub.broker.batch-size} of them off together
 * ({@link QueueBatches}) and applies them by {@link SocialCareEventApplier} in one database transaction,
 * acknowledged in one broker transaction. A payment whose allocation is neither in the hub nor in the batch waits
 * for it ({@link SocialCareEventApplier#applyBatch}). Every event of a batch that fails is taken one by one by
 * {@link SocialCareApplyRoute}, where the error policy handles each event alone (waiting, retry, failure).
 */
@ApplicationScoped
public class SocialCareApplyConsumer implements BatchedQueue {

    @Inject
    HubConfig config;

    @Inject
    SocialCareEventApplier applier;

    @Override
    public String queue() {
        return config.socialCare().applyQueue();
    }

    @Override
    public String oneByOneQueue() {
        return config.socialCare().oneByOneQueue();
    }

    @Override
    public List<Taken> apply(List<Taken> messages) {
        List<Taken> alone = new ArrayList<>();
        List<Long> ids = new ArrayList<>(messages.size());
        for (Taken message : messages) {
            String text = new String(message.body(), StandardCharsets.UTF_8).trim();
            if (text.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(text));
            } else {
                alone.add(message); // not a stored event's id: the one-by-one route's error policy says why
            }
        }
        if (!ids.isEmpty()) {
            // new clients made together, allocations first, payments whose allocation has not come parked
            QuarkusTransaction.requiringNew().run(() -> applier.applyBatch(ids));
        }
        return alone;
    }
}
