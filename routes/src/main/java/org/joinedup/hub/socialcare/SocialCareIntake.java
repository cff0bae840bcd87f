package org.joinedup.hub.socialcare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.joinedup.connectors.socialcare.SocialCareEventReader;
import org.joinedup.hub.inbound.InboundMessage;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.InboundMessageStore.Incoming;
import org.joinedup.hub.inbound.MessageStatus;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Limits;
import org.joinedup.model.ReceivedText;
import org.joinedup.model.SocialCareEvent;
import org.joinedup.model.ValidationIssue;

/**
 * Takes in council events, one or a batch: stores them in one transaction (so the answer is given only once they
 * are durable), recognises a repeated {@code eventId} and answers as the first time, checks each event on its own,
 * and once the transaction has committed queues the accepted ones to be applied.
 */
@ApplicationScoped
public class SocialCareIntake {

    @Inject
    InboundMessageStore store;

    private final SocialCareEventReader reader = new SocialCareEventReader();

    @Inject
    org.joinedup.hub.budget.ContributionBook contributions;

    @Inject
    SocialCareApplyQueue applyQueue;

    @Inject
    Caller caller;

    /**
     * An event as posted: read as JSON, the text stored for it, and the bytes as received when they are not exactly
     * that text (a byte-order mark), else null.
     */
    public record PostedEvent(JsonNode json, String raw, byte[] received) {
    }

    /** The answer for one event, and the HTTP status it would have on its own. */
    public record Answer(int httpStatus, String eventId, String status, boolean repeat, List<ValidationIssue> problems) {

        /** How a later occurrence of the same event is answered. */
        Answer repeated() {
            return httpStatus < 300 ? new Answer(200, eventId, "ACCEPTED", true, List.of())
                    : new Answer(400, eventId, "REJECTED", true, problems);
        }
    }

    /** What a batch came to: one answer per event, and the message-store ids to queue for applying. */
    private record Taken(List<Answer> answers, List<Long> toQueue) {
    }

    /**
     * Stores, checks and answers the events in order. If the broker cannot take the accepted ones, the request fails
     * (the council retries) and the retry, a repeat of events stored but not applied, queues them again; applying
     * is idempotent.
     */
    public List<Answer> accept(List<PostedEvent> events) {
        Taken taken = QuarkusTransaction.requiringNew().call(() -> take(events));
        applyQueue.send(taken.toQueue());
        return taken.answers();
    }

    private Taken take(List<PostedEvent> events) {
        List<Incoming> incoming = events.stream().map(e -> new Incoming(eventId(e.json()), e.raw(),
                e.received() == null || ReceivedText.isExactly(e.received(), e.raw()) ? null : e.received())).toList();
        List<StoredMessage> stored = store.receiveAll(AgencyKind.SOCIAL_CARE, Transport.REST, caller.agency(),
                "application/json", incoming);
        List<Answer> answers = new ArrayList<>(events.size());
        List<Long> toQueue = new ArrayList<>(events.size());
        Map<Long, Answer> firstTimes = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            StoredMessage message = stored.get(i);
            String eventId = incoming.get(i).agencyMessageId();
            Answer firstTime = firstTimes.get(message.id());
            if (firstTime != null) { // the same event twice in one batch
                answers.add(firstTime.repeated());
            } else if (message.repeat()) {
                if (message.status() == MessageStatus.RECEIVED || message.status() == MessageStatus.FAILED) {
                    toQueue.add(message.id()); // the first time may have been stored but never queued
                }
                answers.add(earlierAnswer(message, eventId));
            } else {
                Answer answer = check(message.id(), events.get(i).json(), eventId);
                if (answer.httpStatus() == 202) {
                    toQueue.add(message.id());
                }
                firstTimes.put(message.id(), answer);
                answers.add(answer);
            }
        }
        return new Taken(answers, toQueue);
    }

    private Answer check(long messageId, JsonNode event, String eventId) {
        SocialCareEvent read;
        try {
            read = reader.read(event);
        } catch (InvalidMessageException invalid) {
            store.reject(messageId, invalid.issues());
            return new Answer(400, eventId, "REJECTED", false, invalid.issues());
        }
        if (!read.council().equalsIgnoreCase(caller.agency())) {
            List<ValidationIssue> problems = List.of(new ValidationIssue("council", "a council may post events only"
                    + " about itself; this event is about " + read.council() + " and the caller is " + caller.agency()));
            store.reject(messageId, problems);
            return new Answer(403, eventId, "REJECTED", false, problems);
        }
        if (read.allocation() != null) {
            // the stream's ceiling is checked at the door too: accepted is never refused later for what was sent
            java.util.Optional<String> tooMuch = contributions.contributionRefusal(AgencyKind.SOCIAL_CARE,
                    read.allocation().annualAmount());
            if (tooMuch.isPresent()) {
                List<ValidationIssue> problems = List.of(new ValidationIssue("allocation.annualAmountPence",
                        tooMuch.get()));
                store.reject(messageId, problems);
                return new Answer(400, eventId, "REJECTED", false, problems);
            }
        }
        return new Answer(202, eventId, "ACCEPTED", false, List.of());
    }

    /** The event's id to recognise a repeat by; one too long to keep is no id (the content is recognised). */
    private static String eventId(JsonNode event) {
        String id = event.path("eventId").isTextual() ? event.path("eventId").asText() : null;
        return id == null || id.isBlank() || id.length() > Limits.MESSAGE_ID || id.indexOf('\0') >= 0 ? null : id;
    }

    /** A body that is not UTF-8 text or not JSON: stored as received and rejected, answered with the reason. */
    public Answer unreadable(byte[] received, List<ValidationIssue> problems) {
        StoredMessage stored = store.receiveBytes(AgencyKind.SOCIAL_CARE, Transport.REST, caller.agency(),
                "application/json", received);
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
