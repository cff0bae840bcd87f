package org.joinedup.hub.inbound;

import java.util.List;

import org.joinedup.hub.inbound.QueueBatches.Taken;

/**
 * A queue the hub takes off in batches ({@link QueueBatches}), a bean of the agency slice that reads it; all of
 * them are started once the hub is ready and stopped before it is, by {@link QueueBatchConsumers}.
 */
public interface BatchedQueue {

    /** The queue taken off in batches. */
    String queue();

    /** Where the messages a batch could not apply go, to be taken one by one. */
    String oneByOneQueue();

    /** Stores and applies a batch: see {@link QueueBatches.Batch#apply(List)}. */
    List<Taken> apply(List<Taken> messages) throws Exception;
}
