package org.joinedup.hub.inbound;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.security.Caller;

/** The message store for operators: what arrived, from whom, and what became of it. */
@Path("/api/inbound/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
public class InboundMessagesResource {

    @Inject
    Access access;


    /**
     * {@code GET /api/inbound/messages[?agency=...&status=...&from=YYYY-MM-DD&to=YYYY-MM-DD&limit=n]}: newest first;
     * {@code from} and {@code to} are days received, in UK time, both included.
     */
    @GET
    @Transactional
    public List<MessageSummary> list(@QueryParam("agency") String agency, @QueryParam("status") String status,
            @QueryParam("from") java.time.LocalDate from, @QueryParam("to") java.time.LocalDate to,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        access.operation(Access.Action.READ, "InboundMessage?agency=" + agency + "&status="
                + status + (from == null ? "" : "&from=" + from) + (to == null ? "" : "&to=" + to));
        java.time.ZoneId uk = java.time.ZoneId.of("Europe/London");
        String query = "(:agency is null or cast(agency as string) = :agency)"
                + " and (:status is null or cast(status as string) = :status)"
                + " and receivedAt >= :from and receivedAt < :to";
        return InboundMessage.<InboundMessage>find(query, Sort.descending("id"),
                        Parameters.with("agency", agency).and("status", status)
                                .and("from", from == null ? Instant.EPOCH : from.atStartOfDay(uk).toInstant())
                                .and("to", to == null ? Instant.parse("9999-12-31T00:00:00Z")
                                        : to.plusDays(1).atStartOfDay(uk).toInstant()))
                .page(Page.ofSize(Math.min(Math.max(limit, 1), 1000)))
                .stream().map(MessageSummary::of).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public MessageDetail get(@PathParam("id") long id) {
        access.operation(Access.Action.READ, "InboundMessage/" + id);
        InboundMessage message = InboundMessage.findById(id);
        if (message == null) {
            throw new NotFoundException("no message " + id);
        }
        return new MessageDetail(MessageSummary.of(message), message.contentType, message.payload, message.payloadFile);
    }

    @Inject
    MessageReplay replays;

    @Inject
    org.joinedup.hub.security.Caller caller;

    /**
     * {@code POST /api/inbound/messages/{id}/replay}: applies a {@code FAILED} message again through its flow;
     * {@code 200} with the message as it stands after, {@code 409} when it may not be replayed (and why).
     */
    @jakarta.ws.rs.POST
    @Path("/{id}/replay")
    public jakarta.ws.rs.core.Response replay(@PathParam("id") long id) {
        access.operation(Access.Action.WRITE, "InboundMessage/" + id + "/replay");
        try {
            replays.replay(id, caller.name());
        } catch (MessageReplay.NotReplayable refused) {
            return org.joinedup.hub.platform.ApiProblems.error(409, refused.getMessage());
        }
        return jakarta.ws.rs.core.Response.ok(summary(id)).build();
    }

    @Inject
    DeadLetters deadLetters;

    /**
     * {@code GET /api/inbound/messages/dead-letters}: what waits on the broker's dead-letter queue (browsed, nothing
     * taken off): how many, and the newest {@value DeadLetters#LIMIT}, newest first.
     */
    @GET
    @Path("/dead-letters")
    public DeadLetters.Queue deadLetters() {
        access.operation(Access.Action.READ, "DeadLetterQueue");
        return deadLetters.list();
    }

    /**
     * {@code POST /api/inbound/messages/dead-letters/{brokerId}/redrive}: sends one dead letter back to the queue it
     * came from ({@code 200} with the queue); {@code 404} when no dead letter has that id (sent back already, say),
     * {@code 409} when it cannot be sent back and why.
     */
    @jakarta.ws.rs.POST
    @Path("/dead-letters/{brokerId}/redrive")
    public jakarta.ws.rs.core.Response redrive(@PathParam("brokerId") String brokerId) {
        access.operation(Access.Action.WRITE, "DeadLetterQueue/" + brokerId + "/redrive");
        return deadLetters.redrive(brokerId).map(done -> jakarta.ws.rs.core.Response.ok(done).build())
                .orElseGet(() -> org.joinedup.hub.platform.ApiProblems.error(404, "no dead letter " + brokerId
                        + " (never there, or sent back already)"));
    }

    @Transactional
    MessageSummary summary(long id) {
        return MessageSummary.of(InboundMessage.findById(id));
    }

    /** A stored message without its payload. */
    public record MessageSummary(long id, String agency, String transport, String sender, String agencyMessageId,
            String contentHash, Instant receivedAt, String status, Instant statusAt, List<String> reasons,
            String waitingFor, String error, int attempts, int repeats) {

        static MessageSummary of(InboundMessage m) {
            return new MessageSummary(m.id, m.agency.name(), m.transport.name(), m.sender, m.agencyMessageId,
                    m.contentHash, m.receivedAt, m.status.name(), m.statusAt,
                    m.reasons == null ? List.of() : List.of(m.reasons.split("\n")), m.waitingFor, m.error,
                    m.attempts, m.repeats);
        }
    }

    /** A stored message with the payload exactly as it arrived (a file's is kept at {@code payloadFile}). */
    public record MessageDetail(MessageSummary message, String contentType, String payload, String payloadFile) {
    }
}
