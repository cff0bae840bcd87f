package org.joinedup.hub.assessment;

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
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.Category;

/**
 * {@code GET /api/assessments/{id}}: one assessment's summary; {@code POST /api/assessments/{id}/check}: a
 * professional records that they checked it with the person. (A person's assessments and indicative budget are under
 * {@code /api/people/{id}}.)
 */
@Path("/api/assessments")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentsResource {

    @Inject
    AssessmentBook book;

    @Inject
    AssessmentViews views;

    @Inject
    Caller caller;

    @Inject
    Access access;

    public record CheckRequest(String note) {
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.OPERATOR })
    public Response assessment(@PathParam("id") UUID id) {
        Assessment assessment = Assessment.findById(id);
        PersonAccess seen = assessment == null ? null : access.through(assessment.person.id, Access.Action.READ,
                "Assessment/" + id, "no assessment " + id);
        if (seen == null || !seen.sees(Category.ASSESSMENT)) {
            throw new NotVisibleException("no assessment " + id);
        }
        return Response.ok(views.summary(assessment, seen)).build();
    }

    @POST
    @Path("/{id}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL })
    public Response check(@PathParam("id") UUID id, CheckRequest request) {
        access.through(personOf(id), Access.Action.WRITE, "Assessment/" + id + "/check", "no assessment " + id);
        try {
            book.check(id, caller.name(), request == null ? null : request.note());
            return Response.ok(summary(id)).build();
        } catch (AssessmentBook.Refused refused) {
            return problem(refused.getMessage().startsWith("no assessment") ? 404 : 409, refused.getMessage());
        }
    }

    @Transactional
    UUID personOf(UUID assessmentId) {
        Assessment assessment = Assessment.findById(assessmentId);
        if (assessment == null) {
            throw new NotVisibleException("no assessment " + assessmentId);
        }
        return assessment.person.id;
    }

    @Transactional
    AssessmentViews.AssessmentSummary summary(UUID id) {
        return views.summary(Assessment.findById(id));
    }

    static Response problem(int status, String message) {
        return org.joinedup.hub.platform.ApiProblems.error(status, message);
    }
}
