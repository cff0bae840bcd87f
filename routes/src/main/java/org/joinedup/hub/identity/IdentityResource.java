package org.joinedup.hub.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.Category;

/**
 * Identity for data stewards and coordinators: the review queue ({@code GET /api/identity/reviews}, confirm, reject)
 * and the audit ({@code GET /api/identity/audit}). A person's source records and splitting a person are under
 * {@code /api/people/{id}} (see {@link org.joinedup.hub.people.PeopleResource}).
 */
@Path("/api/identity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.COORDINATOR, Caller.OPERATOR })
public class IdentityResource {

    @Inject
    IdentityReviews reviews;

    @Inject
    Caller caller;

    @Inject
    SourceRecordViews records;

    @Inject
    Access access;

    public record ReviewView(String id, String status, String reason, Double matchWeight, JsonNode explanation,
            SourceRecordViews.SourceRecordView record, SourceRecordViews.SourceRecordView candidate, Instant createdAt, Instant decidedAt,
            String decidedBy, String decisionNote) {
    }

    public record Decision(String note) {
    }

    public record AuditView(Instant at, String actor, String action, String personId, String otherPersonId,
            String sourceRecordId, String detail) {
    }

    @GET
    @Path("/reviews")
    @Transactional
    public List<ReviewView> reviews(@QueryParam("status") @DefaultValue("OPEN") String status) {
        MatchReview.Status wanted;
        try {
            wanted = MatchReview.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.BadRequestException("status must be one of OPEN, CONFIRMED, REJECTED, SUPERSEDED");
        }
        List<MatchReview> found = MatchReview.<MatchReview>find("status = ?1 order by createdAt", wanted)
                .page(0, 500).list();
        java.util.Set<UUID> seen = access.readAll(found.stream().flatMap(r -> java.util.stream.Stream.of(
                        r.record.person.id, r.candidate.person.id)).toList(), "MatchReview?status=" + wanted).stream()
                .filter(a -> a.sees(Category.DEMOGRAPHICS))
                .map(PersonAccess::personId).collect(java.util.stream.Collectors.toSet());
        // a review shows two people's details: listed only when the caller may see both
        return found.stream().filter(r -> seen.contains(r.record.person.id) && seen.contains(r.candidate.person.id))
                .map(this::view).toList();
    }

    @GET
    @Path("/reviews/{id}")
    @Transactional
    public Response review(@PathParam("id") UUID id) {
        MatchReview review = bothVisible(id, Access.Action.READ);
        return Response.ok(view(review)).build();
    }

    @POST
    @Path("/reviews/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(@PathParam("id") UUID id, Decision decision) {
        bothVisible(id, Access.Action.WRITE);
        try {
            Person survivor = reviews.confirm(id, caller.name(), decision == null ? null : decision.note());
            return Response.ok(Map.of("status", "CONFIRMED", "personId", survivor.id.toString())).build();
        } catch (IdentityReviews.DecisionRefused refused) {
            return problem(409, refused.getMessage());
        }
    }

    @POST
    @Path("/reviews/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") UUID id, Decision decision) {
        bothVisible(id, Access.Action.WRITE);
        try {
            reviews.reject(id, caller.name(), decision == null ? null : decision.note());
            return Response.ok(Map.of("status", "REJECTED")).build();
        } catch (IdentityReviews.DecisionRefused refused) {
            return problem(409, refused.getMessage());
        }
    }

    @GET
    @Path("/audit")
    @Transactional
    public List<AuditView> audit(@QueryParam("personId") UUID personId) {
        List<IdentityAudit> entries;
        if (personId == null) {
            // the whole identity audit tells about everyone: the hub's operators (its data stewards) only; others
            // read it one person they may see at a time
            if (!caller.hasRole(Caller.OPERATOR)) {
                throw new org.joinedup.model.InvalidMessageException("personId", "give personId: the identity"
                        + " audit is read for one person you may see, for example /api/identity/audit?personId=<id>");
            }
            access.operation(Access.Action.READ, "IdentityAudit");
            entries = IdentityAudit.<IdentityAudit>find("order by id desc").page(0, 500).list();
        } else {
            access.read(personId, "IdentityAudit?personId=" + personId);
            entries = IdentityAudit.<IdentityAudit>find("personId = ?1 or otherPersonId = ?1 order by id desc",
                    personId).page(0, 500).list();
        }
        return entries.stream().map(e -> new AuditView(e.at, e.actor, e.action, e.personId.toString(),
                e.otherPersonId == null ? null : e.otherPersonId.toString(),
                e.sourceRecordId == null ? null : e.sourceRecordId.toString(), e.detail)).toList();
    }

    /** The review, when the caller may see both people it is about (else it does not exist for them). */
    @Transactional
    MatchReview bothVisible(UUID id, Access.Action action) {
        MatchReview review = MatchReview.findById(id);
        if (review == null) {
            throw new NotVisibleException("no review " + id);
        }
        for (UUID person : List.of(review.record.person.id, review.candidate.person.id)) {
            try {
                if (action == Access.Action.READ) {
                    access.read(person, "MatchReview/" + id);
                } else {
                    access.write(person, "MatchReview/" + id);
                }
            } catch (NotVisibleException hidden) {
                throw new NotVisibleException("no review " + id);
            }
        }
        return review;
    }

    private ReviewView view(MatchReview r) {
        return new ReviewView(r.id.toString(), r.status.name(), r.reason, r.matchWeight,
                records.parse(r.matchExplanation), records.view(r.record), records.view(r.candidate), r.createdAt, r.decidedAt, r.decidedBy, r.decisionNote);
    }

    private static Response problem(int status, String message) {
        return org.joinedup.hub.platform.ApiProblems.error(status, message);
    }
}
