package org.joinedup.hub.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.access.ConsentsResource;
import org.joinedup.hub.access.ConsentsResource.ConsentView;
import org.joinedup.hub.alerts.AlertsResource;
import org.joinedup.hub.assessment.AssessmentViews.IndicativeBudgetView;
import org.joinedup.hub.cases.CasesResource;
import org.joinedup.hub.cases.CasesResource.CaseView;
import org.joinedup.hub.cases.CasesResource.FamilyBudget;
import org.joinedup.hub.cases.CasesResource.MemberView;
import org.joinedup.hub.cases.CasesResource.TimelineEntry;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.security.Caller;

/**
 * {@code /app/cases/{id}}: the joined-up case on one page, built from the same calls as the JSON API (so it shows
 * what the API would show this person, no more), with the alerts' actions.
 */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
public class CasePage {

    /** How many timeline entries the page shows, newest first. */
    static final int TIMELINE = 30;

    /** A member with what else the page shows about them. */
    public record Member(MemberView member, IndicativeBudgetView indicative, List<ConsentView> consents) {

        public String name() {
            return ((member.givenName() == null ? "" : member.givenName()) + " "
                    + (member.familyName() == null ? "" : member.familyName())).strip();
        }
    }

    /** A timeline entry with the name of the member it is about. */
    public record Event(TimelineEntry entry, String who) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance familyCase(Chrome chrome, CaseView familyCase, String leadName,
                List<Member> members, FunderChart.Drawn chart, List<Event> timeline, int timelineTotal,
                String done, String resolveError, boolean sharedError, boolean coordinator);
    }

    @Inject
    CasesResource cases;

    @Inject
    PeopleResource people;

    @Inject
    ConsentsResource consents;

    @Inject
    AlertsResource alerts;

    @Inject
    Caller caller;

    @Inject
    Pages pages;


    @Inject
    org.joinedup.hub.access.Organisations organisations;

    @GET
    @Path("/cases/{id}")
    public TemplateInstance familyCase(@PathParam("id") String id, @QueryParam("done") String done,
            @QueryParam("resolveError") String resolveError, @QueryParam("sharedError") boolean sharedError) {
        CaseView familyCase = cases.get(id);
        FamilyBudget budget = cases.budget(id);
        Map<String, String> funderNames = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<Member> members = new ArrayList<>();
        for (MemberView m : familyCase.members()) {
            m.contributions().stream().filter(c -> c.fundingBodyName() != null)
                    .forEach(c -> funderNames.put(c.fundingBodyCode(), c.fundingBodyName()));
            Member member = new Member(m, indicative(m), consents(m));
            names.put(m.personId(), member.name());
            members.add(member);
        }
        budget.members().forEach(statement -> statement.contributions().forEach(c -> funderNames.computeIfAbsent(
                c.fundingBodyCode(), code -> organisations.find(code).map(o -> o.name()).orElse(null))));
        String leadName = members.stream().filter(m -> m.member().lead()).map(Member::name).findFirst()
                .orElse("The family");
        List<Event> timeline = familyCase.timeline().stream().limit(TIMELINE)
                .map(e -> new Event(e, names.getOrDefault(e.personId(), ""))).toList();
        return Templates.familyCase(pages.chrome((leadName.isBlank() ? "The" : leadName + "'s") + " family",
                Pages.CASELOAD), familyCase, leadName, members, FunderChart.of(budget.members(), funderNames),
                timeline, familyCase.timeline().size(), done, resolveError, sharedError,
                caller.hasRole(Caller.COORDINATOR));
    }

    @POST
    @Path("/alerts/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL })
    public Response acknowledge(@PathParam("id") String id, @FormParam("caseId") String caseId) {
        alerts.acknowledge(id);
        return back(caseId, "?done=acknowledged#alerts");
    }

    @POST
    @Path("/alerts/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL })
    public Response resolve(@PathParam("id") String id, @FormParam("caseId") String caseId,
            @FormParam("note") String note) {
        Response answer = alerts.resolve(id, new AlertsResource.Resolution(note));
        if (answer.getStatus() == 422) {
            return back(caseId, "?resolveError=" + UUID.fromString(id) + "#alerts");
        }
        return back(caseId, answer.getStatus() == 409 ? "?done=already-closed#alerts" : "?done=resolved#alerts");
    }

    /** Whether the family shares one budget: the coordinator's decision, with the reason in the family's words. */
    @POST
    @Path("/cases/{id}/shared-budget")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Caller.COORDINATOR)
    public Response shareBudget(@PathParam("id") String id, @FormParam("shared") String shared,
            @FormParam("reason") String reason) {
        Response answer = cases.shareBudget(id, new CasesResource.SharedBudgetRequest(
                shared == null ? null : Boolean.valueOf("true".equals(shared)), reason));
        return back(id, answer.getStatus() == 200 ? "?done=shared#budget" : "?sharedError=true#budget");
    }

    /** Back to the case page (only ever to a case id, never to an address sent in the form). */
    private static Response back(String caseId, String then) {
        try {
            return Response.seeOther(URI.create("/app/cases/" + UUID.fromString(caseId) + then)).build();
        } catch (IllegalArgumentException | NullPointerException notACase) {
            return Response.seeOther(URI.create(Pages.CASELOAD)).build();
        }
    }

    private IndicativeBudgetView indicative(MemberView m) {
        if (m.assessment() == null) {
            return null;
        }
        try {
            return people.indicativeBudget(UUID.fromString(m.personId()));
        } catch (AccessRefusedException | jakarta.ws.rs.NotFoundException
                | io.quarkus.security.ForbiddenException notShown) {
            return null;
        }
    }

    private List<ConsentView> consents(MemberView m) {
        try {
            return consents.list(UUID.fromString(m.personId()));
        } catch (AccessRefusedException | io.quarkus.security.ForbiddenException notShown) {
            return List.of();
        }
    }
}
