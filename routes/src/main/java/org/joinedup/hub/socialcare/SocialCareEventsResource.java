package org.joinedup.hub.socialcare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import org.joinedup.connectors.socialcare.SocialCareEventReader;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.socialcare.SocialCareIntake.Answer;
import org.joinedup.hub.socialcare.SocialCareIntake.PostedEvent;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ReceivedText;

/**
 * Council case management systems post events here (see the council social care format): one event, or a batch of
 * up to 1,000 each accepted or rejected on its own (a batch is stored in one transaction). {@code 202} once an event
 * is durably stored, {@code 200} with the earlier answer for a repeated {@code eventId}, {@code 400} with field paths
 * and reasons for a bad event.
 */
@Path("/api/inbound/social-care")
@RolesAllowed(Caller.COUNCIL)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SocialCareEventsResource {

    @Inject
    Access access;


    public static final int MAX_BATCH = 1_000;

    @Inject
    SocialCareIntake intake;

    @POST
    @Path("/events")
    public Response event(byte[] received) {
        access.operation(Access.Action.WRITE, "SocialCareEvent");
        Answer answer;
        try {
            String body = ReceivedText.utf8(received);
            answer = intake.accept(List.of(new PostedEvent(SocialCareEventReader.parse(body), body, received)))
                    .get(0);
        } catch (InvalidMessageException unreadable) {
            answer = intake.unreadable(received, unreadable.issues());
        }
        return Response.status(answer.httpStatus()).entity(view(answer)).build();
    }

    /** {@code events:batch}, also when a client percent-encodes the colon. */
    @POST
    @Path("/{batch: events(:|%3A|%3a)batch}")
    public Response batch(byte[] received) {
        access.operation(Access.Action.WRITE, "SocialCareEvent:batch");
        JsonNode events;
        try {
            events = SocialCareEventReader.parse(ReceivedText.utf8(received));
        } catch (InvalidMessageException unreadable) {
            return Response.status(400).entity(view(intake.unreadable(received, unreadable.issues()))).build();
        }
        if (!events.isArray() || events.size() > MAX_BATCH) {
            return Response.status(400).entity(Map.of("status", "REJECTED", "problems", List.of(Map.of("path", "$",
                    "reason", "a batch is a JSON array of at most " + MAX_BATCH + " events")))).build();
        }
        List<PostedEvent> posted = new ArrayList<>(events.size());
        events.forEach(event -> posted.add(new PostedEvent(event, event.toString(), null)));
        List<Map<String, Object>> answers = new ArrayList<>(posted.size());
        int accepted = 0;
        for (Answer answer : intake.accept(posted)) {
            accepted += answer.httpStatus() < 300 ? 1 : 0;
            answers.add(view(answer));
        }
        return Response.ok(Map.of("accepted", accepted, "rejected", events.size() - accepted, "events", answers))
                .build();
    }

    private static Map<String, Object> view(Answer answer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventId", answer.eventId());
        view.put("status", answer.status());
        if (answer.repeat()) {
            view.put("repeat", true);
        }
        if (!answer.problems().isEmpty()) {
            view.put("problems", answer.problems().stream()
                    .map(p -> Map.of("path", p.expression(), "reason", p.reason())).toList());
        }
        return view;
    }
}
