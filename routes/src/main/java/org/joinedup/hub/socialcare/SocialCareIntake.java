package org.joinedup.hub.socialcare;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.joinedup.connectors.socialcare.SocialCareEventReader;
import org.joinedup.hub.inbound.InboundMessage;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.MessageStatus;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.SocialCareEvent;
import org.joinedup.model.ValidationIssue;

/**
 * Takes in one council event: stores it (so the answer is given only once it is durable), recognises a repeated
 * {@code eventId} and answers as the first time, checks it, and queues an accepted event to be applied.
 */
@ApplicationScoped
public class SocialCareIntake {

    @Inject
    InboundMessageStore store;

    @Inject
    SocialCareEventReader reader;

    @Inject
    ProducerTemplate producer;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    /** The answer for one event, and the HTTP status it would have on its own. */
    public record Answer(int httpStatus, String eventId, String status, boolean repeat, List<ValidationIssue> problems) {
    }

    public Answer accept(JsonNode event, String raw) {
        String eventId = event.path("eventId").isTextual() ? event.path("eventId").asText() : null;
        StoredMessage stored = store.receive(AgencyKind.SOCIAL_CARE, Transport.REST, caller.agency(), eventId,
                "application/json", raw);
        if (stored.repeat()) {
            if (stored.status() == MessageStatus.RECEIVED || stored.status() == MessageStatus.FAILED) {
                queueForApplying(stored.id()); // the first time may have been stored but never queued
            }
            return earlierAnswer(stored, eventId);
        }
        SocialCareEvent read;
        try {
            read = reader.read(event);
        } catch (InvalidMessageException invalid) {
            store.markRejected(stored.id(), invalid.issues());
            return new Answer(400, eventId, "REJECTED", false, invalid.issues());
        }
        if (!read.council().equalsIgnoreCase(caller.agency())) {
            List<ValidationIssue> problems = List.of(new ValidationIssue("council", "a council may post events only"
                    + " about itself; this event is about " + read.council() + " and the caller is " + caller.agency()));
            store.markRejected(stored.id(), problems);
            return new Answer(403, eventId, "REJECTED", false, problems);
        }
        queueForApplying(stored.id());
        return new Answer(202, eventId, "ACCEPTED", false, List.of());
    }

    /**
     * Queues a stored event to be applied. If the broker cannot take it, the request fails (the council retries)
     * and the retry, a repeat of a stored but unapplied event, queues it again; applying is idempotent.
     */
    private void queueForApplying(long messageId) {
        producer.sendBody("jms:queue:" + config.socialCare().applyQueue(), messageId);
    }

    /** Text that is not JSON at all: stored as rejected, answered with the parser's reason. */
    public Answer unreadable(String raw, String reason) {
        StoredMessage stored = store.receive(AgencyKind.SOCIAL_CARE, Transport.REST, caller.agency(), null,
                "application/json", raw);
        List<ValidationIssue> problems = List.of(new ValidationIssue("$", reason));
        if (!stored.repeat()) {
            store.markRejected(stored.id(), problems);
        }
        return new Answer(400, null, "REJECTED", stored.repeat(), problems);
    }

    private Answer earlierAnswer(StoredMessage stored, String eventId) {
        if (stored.status() != MessageStatus.REJECTED) {
            return new Answer(200, eventId, "ACCEPTED", true, List.of());
        }
        InboundMessage original = InboundMessage.findById(stored.id());
        List<ValidationIssue> problems = original.reasons == null ? List.of() : Arrays.stream(original.reasons.split("\n"))
                .map(line -> line.split(": ", 2))
                .map(parts -> new ValidationIssue(parts[0], parts.length > 1 ? parts[1] : ""))
                .toList();
        return new Answer(400, eventId, "REJECTED", true, problems);
    }
}
