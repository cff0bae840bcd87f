package org.joinedup.hub.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.people.PeopleResource.PersonView;
import org.joinedup.hub.plan.PlansResource;
import org.joinedup.hub.plan.PlansResource.PlanView;
import org.joinedup.hub.platform.Today;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.value.OutcomeReviewsResource;

/**
 * {@code /app/people/{id}/plan/review}: the coordinator records the review of a person's current plan with them,
 * through the same call as {@code POST /api/plans/{id}/reviews} (the one access decision, audited, checked again).
 */
@Path("/app/people/{id}/plan/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Caller.COORDINATOR)
public class PlanReviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance review(Chrome chrome, PersonView person, String name, PlanView plan,
                ReviewForm form, List<String> problems);
    }

    @Inject
    PeopleResource people;

    @Inject
    PlansResource plans;

    @Inject
    OutcomeReviewsResource reviews;

    @Inject
    Pages pages;

    @Inject
    Today today;

    @GET
    public Response form(@PathParam("id") String id) {
        PersonView person = people.person(id);
        PlanView plan = current(person);
        if (plan == null) {
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/plan")).build();
        }
        return Pages.html(200, page(person, plan, ReviewForm.blank(ReviewForm.goalsOf(plan.goals(),
                plan.whatMatters()), plan.version(), today.date()), List.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response record(@PathParam("id") String id) {
        PersonView person = people.person(id);
        PlanView plan = current(person);
        if (plan == null) {
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/plan")).build();
        }
        ReviewForm form = ReviewForm.posted(ReviewForm.goalsOf(plan.goals(), plan.whatMatters()));
        if (!Integer.toString(plan.version()).equals(form.planVersion)) {
            form.planChanged(plan.version());
            return Pages.html(409, page(person, plan, form, List.of("The plan has changed since this form was"
                    + " opened (it is now version " + plan.version() + "): check the goals below and send the"
                    + " review again.")));
        }
        if (!form.check(today.date()).valid()) {
            return Pages.html(400, page(person, plan, form, List.of()));
        }
        Response answer = reviews.record(UUID.fromString(plan.id()), form.request());
        if (answer.getStatus() == 201 || answer.getStatus() == 200) { // 200: the same form sent again
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/plan?done=reviewed")).build();
        }
        return Pages.html(answer.getStatus() == 409 ? 409 : 422, page(person, plan, form, Pages.problems(answer,
                "The review could not be recorded")));
    }

    private TemplateInstance page(PersonView person, PlanView plan, ReviewForm form, List<String> problems) {
        return Templates.review(pages.chrome("Review the support plan", Pages.CASELOAD), person,
                PlanPage.name(person), plan, form, problems);
    }

    private PlanView current(PersonView person) {
        return PlanPage.current(plans, person);
    }
}
