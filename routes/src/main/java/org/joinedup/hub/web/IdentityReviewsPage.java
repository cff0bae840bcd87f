package org.joinedup.hub.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.identity.IdentityResource;
import org.joinedup.hub.identity.IdentityResource.ReviewView;
import org.joinedup.hub.security.Caller;

/**
 * {@code /app/identity-reviews}: records the hub was not sure belong to one person, side by side with the evidence;
 * confirm or reject with a reason. Splitting a wrongly joined record off is on the person's page ({@link PersonPage}).
 */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COORDINATOR, Caller.OPERATOR })
public class IdentityReviewsPage {

    public static final String PATH = "/app/identity-reviews";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reviews(Chrome chrome, List<ReviewView> reviews, String done);

        static native TemplateInstance review(Chrome chrome, ReviewView review, LinkInWords.Why why, String error);
    }

    @Inject
    IdentityResource identity;

    @Inject
    Pages pages;

    @GET
    @Path("/identity-reviews")
    public TemplateInstance reviews(@QueryParam("done") String done) {
        return Templates.reviews(pages.chrome("Identity reviews", PATH), identity.reviews("OPEN"), done);
    }

    @GET
    @Path("/identity-reviews/{id}")
    public Response review(@PathParam("id") UUID id) {
        return page(200, id, null);
    }

    @POST
    @Path("/identity-reviews/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, @FormParam("decision") String decision,
            @FormParam("note") String note) {
        if (!"confirm".equals(decision) && !"reject".equals(decision)) {
            return page(400, id, "Choose whether they are the same person");
        }
        if (note == null || note.isBlank()) {
            return page(400, id, "Give the reason for your decision");
        }
        IdentityResource.Decision reason = new IdentityResource.Decision(note.strip());
        Response answer = decision.equals("confirm") ? identity.confirm(id, reason) : identity.reject(id, reason);
        if (answer.getStatus() == 200) {
            return Response.seeOther(URI.create(PATH + "?done=" + (decision.equals("confirm") ? "confirmed"
                    : "rejected"))).build();
        }
        Object error = answer.getEntity() instanceof Map<?, ?> map ? map.get("error") : null;
        return page(409, id, error == null ? "The decision could not be recorded" : error.toString());
    }

    private Response page(int status, UUID id, String error) {
        ReviewView review = (ReviewView) identity.review(id).getEntity();
        LinkInWords.Why why = LinkInWords.of("SCORE", review.reason(), review.explanation());
        return Pages.html(status, Templates.review(pages.chrome("Are these the same person?", PATH), review, why,
                error));
    }
}
