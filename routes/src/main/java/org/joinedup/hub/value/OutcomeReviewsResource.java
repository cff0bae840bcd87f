package org.joinedup.hub.value;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.plan.SupportPlan;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.platform.Today;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.value.OutcomeReview;

/**
 * {@code /api/plans/{id}/reviews}: the coordinator records a plan review with the person (the eight aspects of life,
 * who helped, their own words, each goal met, partly met or not met), checked item by item ({@code 422} naming every
 * field); anyone who may read the plan reads its reviews and when the next is due. A review with a {@code reference}
 * sent again is answered {@code 200} with the review already recorded. Through the one access decision, audited.
 */
@Path("/api/plans/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomeReviewsResource {

    /** A review as the coordinator sends it: {@code aspects} maps each aspect's code to BETTER, SAME or WORSE. */
    public record ReviewRequest(String reviewedOn, Map<String, String> aspects, Boolean ownAnswer, String helpedBy,
            String ownWords, List<Map<String, String>> goals, String reference) {

        public ReviewRequest(String reviewedOn, Map<String, String> aspects, Boolean ownAnswer, String helpedBy,
                String ownWords, List<Map<String, String>> goals) {
            this(reviewedOn, aspects, ownAnswer, helpedBy, ownWords, goals, null);
        }
    }

    @Inject
    Access access;

    @Inject
    Caller caller;

    @Inject
    OutcomeReviews reviews;

    @Inject
    Today today;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response record(@PathParam("id") UUID planId, ReviewRequest request) {
        access.through(personOf(planId), Access.Action.WRITE, "SupportPlan/" + planId + "/reviews", "no plan " + planId);
        if (request == null) {
            return ApiProblems.error(400, "give reviewedOn, aspects, ownAnswer (and helpedBy), ownWords and goals");
        }
        try {
            OutcomeReview review = OutcomeReview.check(request.reviewedOn(), request.aspects(), request.ownAnswer(),
                    request.helpedBy(), request.ownWords(), request.goals(), today.date());
            String reference = request.reference() == null || request.reference().isBlank() ? null
                    : request.reference().strip();
            if (reference != null && reference.length() > OutcomeReviews.MOST_REFERENCE) {
                throw new InvalidMessageException("reference", "longer than " + OutcomeReviews.MOST_REFERENCE
                        + " characters");
            }
            OutcomeReviews.Recorded recorded = reviews.record(planId, review, caller.name(), reference);
            return Response.status(recorded.repeat() ? 200 : 201).entity(recorded).build();
        } catch (InvalidMessageException invalid) {
            return ApiProblems.problems(422, "REFUSED", invalid);
        } catch (LedgerRefusal refused) {
            return ApiProblems.error(409, refused.getMessage());
        }
    }

    /** A plan's reviews: when the next is due, whether that has passed, and the reviews recorded, newest first. */
    public record Reviews(LocalDate reviewDue, boolean overdue, List<OutcomeReviews.Recorded> reviews) {
    }

    @GET
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    public Reviews list(@PathParam("id") UUID planId) {
        org.joinedup.hub.access.PersonAccess seen = access.through(personOf(planId), Access.Action.READ,
                "SupportPlan/" + planId + "/reviews", "no plan " + planId);
        LocalDate due = reviewDue(planId);
        // what the person said is the plan's: a funder that sees only its own lines does not see it
        return new Reviews(due, due != null && due.isBefore(today.date()),
                seen.sees(org.joinedup.model.access.Category.PLAN) ? reviews.reviewsOf(planId) : List.of());
    }

    @Transactional
    UUID personOf(UUID planId) {
        return SupportPlan.personOf(planId);
    }

    @Transactional
    LocalDate reviewDue(UUID planId) {
        return SupportPlan.<SupportPlan>findById(planId).reviewDue;
    }
}
