package org.joinedup.hub.alerts;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.people.PeopleResource.AlertView;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.Category;

/**
 * A coordinator's actions on an alert: acknowledge it (seen, being dealt with) and resolve it with a note. The alert
 * must be one the caller may see: an alert of another agency's category is as absent as one that does not exist.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL })
public class AlertsResource {

    /** The most a resolution note may hold (its column's size). */
    public static final int NOTE_LIMIT = 2000;

    public record Resolution(String note) {
    }

    @Inject
    Access access;

    @Inject
    Caller caller;

    /** {@code POST /api/alerts/{id}/acknowledge}: the alert stays open, marked as seen by the caller. */
    @POST
    @Path("/{id}/acknowledge")
    @Transactional
    public AlertView acknowledge(@PathParam("id") String id) {
        PersonAlert alert = visible(id, "acknowledge");
        alert.acknowledge(caller.name());
        return AlertView.of(alert);
    }

    /** {@code POST /api/alerts/{id}/resolve} with {@code {"note": "..."}}: closes the alert, saying what was done. */
    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response resolve(@PathParam("id") String id, Resolution resolution) {
        PersonAlert alert = visible(id, "resolve");
        String note = resolution == null || resolution.note() == null ? "" : resolution.note().strip();
        if (note.isEmpty()) {
            return ApiProblems.error(422, "note: say what was done about the alert");
        }
        if (note.length() > NOTE_LIMIT) {
            return ApiProblems.error(422, "note: at most " + NOTE_LIMIT + " characters");
        }
        if (!alert.open()) {
            return ApiProblems.error(409, "alert " + id + " is already closed");
        }
        alert.resolve(caller.name(), note);
        return Response.ok(AlertView.of(alert)).build();
    }

    private PersonAlert visible(String id, String action) {
        PersonAlert alert = find(id);
        if (alert == null) {
            throw new NotVisibleException("no alert " + id);
        }
        PersonAccess seen = access.through(alert.person.id, Access.Action.WRITE, "Alert/" + id + "/" + action,
                "no alert " + id);
        if (!seen.sees(Category.of(alert.agency))) {
            throw new NotVisibleException("no alert " + id);
        }
        return alert;
    }

    private static PersonAlert find(String id) {
        try {
            return PersonAlert.findById(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
