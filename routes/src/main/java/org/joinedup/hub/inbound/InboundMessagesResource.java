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


    @GET
    @Transactional
    public List<MessageSummary> list(@QueryParam("agency") String agency, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        access.operation(Access.Action.READ, "InboundMessage?agency=" + agency + "&status="
                + status);
        String query = "(:agency is null or cast(agency as string) = :agency)"
                + " and (:status is null or cast(status as string) = :status)";
        return InboundMessage.<InboundMessage>find(query, Sort.descending("id"),
                        Parameters.with("agency", agency).and("status", status))
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

    /** A stored message without its payload. */
    public record MessageSummary(long id, String agency, String transport, String sender, String agencyMessageId,
            String contentHash, Instant receivedAt, String status, Instant statusAt, List<String> reasons,
            String error, int attempts, int repeats) {

        static MessageSummary of(InboundMessage m) {
            return new MessageSummary(m.id, m.agency.name(), m.transport.name(), m.sender, m.agencyMessageId,
                    m.contentHash, m.receivedAt, m.status.name(), m.statusAt,
                    m.reasons == null ? List.of() : List.of(m.reasons.split("\n")), m.error, m.attempts, m.repeats);
        }
    }

    /** A stored message with the payload exactly as it arrived (a file's is kept at {@code payloadFile}). */
    public record MessageDetail(MessageSummary message, String contentType, String payload, String payloadFile) {
    }
}
