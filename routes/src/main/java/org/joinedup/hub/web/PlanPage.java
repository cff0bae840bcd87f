package org.joinedup.hub.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.joinedup.hub.budget.FundingRules;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.people.PeopleResource.PersonView;
import org.joinedup.hub.plan.PlanBook;
import org.joinedup.hub.plan.PlanSummaries;
import org.joinedup.hub.plan.PlansResource;
import org.joinedup.hub.plan.PlansResource.LineView;
import org.joinedup.hub.plan.PlansResource.PlanView;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.value.OutcomeReviewsResource;

/**
 * {@code /app/people/{id}/plan}: a person's support plan, its lines with the hub's proposed funding and why, and
 * adding a line: the form, "check your answers", then submitting the plan (a first draft or a revision that keeps
 * the other lines' approvals) through the same call as the JSON API.
 */
@Path("/app/people/{id}/plan")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Caller.COORDINATOR)
public class PlanPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance plan(Chrome chrome, PersonView person, String name, PlanView plan,
                List<PlansResource.PaymentView> payments, OutcomeReviewsResource.Reviews reviews, String done);

        static native TemplateInstance oneOff(Chrome chrome, PersonView person, String name, OneOffForm form,
                SortedSet<String> categories, long limitPence, String problem);

        static native TemplateInstance lineForm(Chrome chrome, PersonView person, String name, PlanView plan,
                PlanLineForm form, SortedSet<String> categories);

        static native TemplateInstance checkLine(Chrome chrome, PersonView person, String name, PlanView plan,
                PlanLineForm form, List<String> problems);
    }

    @Inject
    PeopleResource people;

    @Inject
    PlansResource plans;

    @Inject
    FundingRules rules;

    @Inject
    OutcomeReviewsResource reviews;

    @Inject
    Pages pages;

    @Inject
    org.joinedup.hub.platform.HubConfig config;

    @GET
    public TemplateInstance plan(@PathParam("id") String id, @QueryParam("done") String done) {
        PersonView person = people.person(id);
        PlanView plan = current(person);
        return Templates.plan(pages.chrome(name(person) + "'s support plan", Pages.CASELOAD), person,
                name(person), plan, plan == null ? List.of() : plans.payments(UUID.fromString(plan.id())),
                plan == null ? null : reviews.list(UUID.fromString(plan.id())), done);
    }

    /** A one-off payment before a plan is approved: the form, with a reference made now so a resend pays once. */
    @GET
    @Path("/one-off")
    public Response oneOffForm(@PathParam("id") String id) {
        PersonView person = people.person(id);
        OneOffForm form = new OneOffForm();
        form.reference = "one-off-" + UUID.randomUUID();
        form.paidOn = java.time.LocalDate.now(PageFormats.UK).toString();
        return Pages.html(200, oneOff(person, form, null));
    }

    @POST
    @Path("/one-off")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response payOneOff(@PathParam("id") String id, @BeanParam OneOffForm form) {
        PersonView person = people.person(id);
        if (!form.check(person, rules.categories()).valid()) {
            return Pages.html(400, oneOff(person, form, null));
        }
        Response answer = plans.oneOff(new PlansResource.OneOffRequest(UUID.fromString(person.id()),
                UUID.fromString(form.contributionId), form.reference, form.category, form.payee.strip(),
                form.pence(), java.time.LocalDate.parse(form.paidOn.strip())));
        if (answer.getStatus() == 200) {
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/plan?done=one-off")).build();
        }
        return Pages.html(answer.getStatus() == 409 ? 409 : 422, oneOff(person, form, String.join("; ",
                problems(answer))));
    }

    private TemplateInstance oneOff(PersonView person, OneOffForm form, String problem) {
        return Templates.oneOff(pages.chrome("Make a one-off payment", Pages.CASELOAD), person, name(person), form,
                rules.categories(), config.plans().oneOffLimitPence(), problem);
    }

    @GET
    @Path("/lines/new")
    public TemplateInstance newLine(@PathParam("id") String id) {
        PersonView person = people.person(id);
        return lineForm(person, current(person), new PlanLineForm());
    }

    /**
     * "Change" on the check page: the form again with what was typed (posted, so the person's words never go into
     * an address, a log or the browser's history).
     */
    @POST
    @Path("/lines/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance edit(@PathParam("id") String id, @BeanParam PlanLineForm form) {
        PersonView person = people.person(id);
        return lineForm(person, current(person), form);
    }

    @POST
    @Path("/lines/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@PathParam("id") String id, @BeanParam PlanLineForm form) {
        PersonView person = people.person(id);
        PlanView plan = current(person);
        if (!form.check(plan == null, rules.categories()).valid()) {
            return Pages.html(400, lineForm(person, plan, form));
        }
        form.planVersion = version(plan);
        return Pages.html(200, checkLine(person, plan, form, List.of()));
    }

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String id, @BeanParam PlanLineForm form) {
        PersonView person = people.person(id);
        PlanView plan = current(person);
        if (!form.check(plan == null, rules.categories()).valid()) {
            return Pages.html(400, lineForm(person, plan, form));
        }
        if (!version(plan).equals(form.planVersion)) {
            // sent twice, or someone changed the plan meanwhile: the line is not added again
            form.planVersion = version(plan);
            return Pages.html(409, checkLine(person, plan, form, List.of("The plan has changed since you checked this"
                    + " line (it is now " + (plan == null ? "not made yet" : "version " + plan.version()) + "): look"
                    + " at the plan again; if the line is not there, submit it now.")));
        }
        UUID personId = UUID.fromString(person.id());
        List<PlanBook.DraftLine> lines = new ArrayList<>();
        if (plan != null) {
            plan.lines().forEach(l -> lines.add(kept(l)));
        }
        lines.add(new PlanBook.DraftLine(form.category, form.description.strip(), form.payee.strip(), form.kind(),
                form.pence(), form.unitCount(), form.management, null, false, false, null));
        PlansResource.DraftRequest request = plan == null
                ? new PlansResource.DraftRequest(personId, form.whatMatters.strip(), blankToNull(form.goals), false,
                        lines)
                : new PlansResource.DraftRequest(personId, plan.whatMatters(), plan.goals(), plan.risky(), lines);
        Response answer = plan == null ? plans.draft(request) : plans.revise(UUID.fromString(plan.id()), request);
        if (answer.getStatus() == 201) {
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/plan?done=submitted")).build();
        }
        return Pages.html(answer.getStatus() == 422 || answer.getStatus() == 409 ? 422 : answer.getStatus(),
                checkLine(person, plan, form, problems(answer)));
    }

    private static String version(PlanView plan) {
        return plan == null ? "0" : Integer.toString(plan.version());
    }

    private TemplateInstance lineForm(PersonView person, PlanView plan, PlanLineForm form) {
        return Templates.lineForm(pages.chrome("Add a line to the plan", Pages.CASELOAD), person, name(person), plan,
                form, rules.categories());
    }

    private TemplateInstance checkLine(PersonView person, PlanView plan, PlanLineForm form, List<String> problems) {
        return Templates.checkLine(pages.chrome("Check the new line before you submit the plan", Pages.CASELOAD),
                person, name(person), plan, form, problems);
    }

    /** A line of the current plan carried into the revision as it is, so it keeps its approval and money. */
    private static PlanBook.DraftLine kept(LineView l) {
        return new PlanBook.DraftLine(l.category(), l.description(), l.payee(),
                org.joinedup.model.plan.LineCost.Kind.valueOf(l.costKind()), l.unitPence(), l.units(), l.management(),
                l.contributionId() == null ? null : UUID.fromString(l.contributionId()), l.connectedPerson(), false,
                l.number(), l.payDay() == null ? null : java.time.DayOfWeek.valueOf(l.payDay()));
    }

    private PlanView current(PersonView person) {
        return current(plans, person);
    }

    /** The person's current plan as the API shows it to the caller, or null. */
    static PlanView current(PlansResource plans, PersonView person) {
        PlanSummaries.PlanSummary summary = PlanSummaries.current(UUID.fromString(person.id()));
        return summary == null ? null : (PlanView) plans.plan(UUID.fromString(summary.planId())).getEntity();
    }

    private static List<String> problems(Response answer) {
        return Pages.problems(answer, "The plan could not be submitted");
    }

    static String name(PersonView person) {
        String name = ((person.givenName() == null ? "" : person.givenName()) + " "
                + (person.familyName() == null ? "" : person.familyName())).strip();
        return name.isEmpty() ? "This person" : name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
