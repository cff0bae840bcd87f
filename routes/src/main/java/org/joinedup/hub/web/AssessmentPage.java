package org.joinedup.hub.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.fhirmapping.SingleAssessmentQuestionnaire;
import org.joinedup.hub.assessment.AssessmentDraftsResource;
import org.joinedup.hub.assessment.AssessmentViews.IndicativeBudgetView;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.people.PeopleResource.PersonView;
import org.joinedup.hub.security.Caller;

/**
 * {@code /app/people/{id}/assessment}: the single assessment as a form made from its FHIR {@code Questionnaire}, one
 * section a page with "save and continue" (a draft kept by the hub), check your answers, submit through the same
 * call as the JSON API, then the indicative budget with its arithmetic in words.
 */
@Path("/app/people/{id}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Caller.COORDINATOR)
public class AssessmentPage {

    private static final List<AssessmentForm.Section> SECTIONS = AssessmentForm.sections(
            SingleAssessmentQuestionnaire.build());

    /** A section on the task list: done or not. */
    public record Task(AssessmentForm.Section section, boolean complete) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tasks(Chrome chrome, PersonView person, String name, List<Task> tasks,
                boolean allComplete);

        static native TemplateInstance section(Chrome chrome, PersonView person, String name,
                AssessmentForm.Section section, int sections, Map<String, String> answers, Map<String, String> errors);

        static native TemplateInstance check(Chrome chrome, PersonView person, String name,
                List<AssessmentForm.Section> sections, Map<String, String> answers, List<String> problems);

        static native TemplateInstance budget(Chrome chrome, PersonView person, String name,
                IndicativeBudgetView budget);
    }

    @Inject
    PeopleResource people;

    @Inject
    AssessmentDraftsResource drafts;

    @Inject
    Pages pages;

    @GET
    @Path("/assessment")
    public TemplateInstance tasks(@PathParam("id") String id) {
        PersonView person = people.person(id);
        Map<String, Object> answers = drafts.get(UUID.fromString(person.id())).answers();
        List<Task> tasks = SECTIONS.stream().map(s -> new Task(s, AssessmentForm.complete(s, answers))).toList();
        return Templates.tasks(pages.chrome("The single assessment", Pages.CASELOAD), person, PlanPage.name(person),
                tasks, tasks.stream().allMatch(Task::complete));
    }

    @GET
    @Path("/assessment/sections/{n}")
    public Response section(@PathParam("id") String id, @PathParam("n") int n) {
        PersonView person = people.person(id);
        return Pages.html(200, sectionPage(person, section(n), drafts.get(UUID.fromString(person.id())).answers(),
                Map.of()));
    }

    /** Save and continue: the section's answers are checked and kept, then the next section (or the check page). */
    @POST
    @Path("/assessment/sections/{n}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("id") String id, @PathParam("n") int n, MultivaluedMap<String, String> form) {
        PersonView person = people.person(id);
        UUID personId = UUID.fromString(person.id());
        AssessmentForm.Section section = section(n);
        Map<String, Object> answers = new LinkedHashMap<>(drafts.get(personId).answers());
        Map<String, String> sent = new HashMap<>();
        form.forEach((k, v) -> sent.put(k, v.isEmpty() ? null : v.get(0)));
        Map<String, String> errors = AssessmentForm.read(section, sent, answers);
        if (!errors.isEmpty()) {
            Map<String, Object> shown = new LinkedHashMap<>(answers);
            sent.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    shown.put(k, v);
                }
            });
            return Pages.html(400, sectionPage(person, section, shown, errors));
        }
        drafts.save(personId, new AssessmentDraftsResource.Draft(answers, null));
        String next = n < SECTIONS.size() ? "/assessment/sections/" + (n + 1) : "/assessment/check";
        return Response.seeOther(URI.create("/app/people/" + person.id() + next)).build();
    }

    @GET
    @Path("/assessment/check")
    public TemplateInstance check(@PathParam("id") String id) {
        PersonView person = people.person(id);
        return checkPage(person, drafts.get(UUID.fromString(person.id())).answers(), List.of());
    }

    @POST
    @Path("/assessment/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String id) {
        PersonView person = people.person(id);
        UUID personId = UUID.fromString(person.id());
        AssessmentDraftsResource.Draft draft = drafts.get(personId);
        Response answer = people.assess(personId, new PeopleResource.AssessmentRequest(draft.answers(),
                "PROFESSIONAL", null, "web-" + personId + "-" + (draft.savedAt() == null ? 0
                        : draft.savedAt().toEpochMilli())));
        if (answer.getStatus() == 201 || answer.getStatus() == 200) {
            drafts.discard(personId);
            return Response.seeOther(URI.create("/app/people/" + person.id() + "/indicative-budget")).build();
        }
        List<String> problems = new ArrayList<>();
        if (answer.getEntity() instanceof Map<?, ?> map && map.get("problems") instanceof List<?> list) {
            list.forEach(p -> problems.add(((Map<?, ?>) p).get("path") + ": " + ((Map<?, ?>) p).get("reason")));
        }
        return Pages.html(422, checkPage(person, draft.answers(), problems.isEmpty()
                ? List.of("The assessment could not be recorded (" + answer.getStatus() + ")") : problems));
    }

    @GET
    @Path("/indicative-budget")
    public TemplateInstance budget(@PathParam("id") String id) {
        PersonView person = people.person(id);
        return Templates.budget(pages.chrome("Indicative budget", Pages.CASELOAD), person, PlanPage.name(person),
                people.indicativeBudget(UUID.fromString(person.id())));
    }

    private TemplateInstance sectionPage(PersonView person, AssessmentForm.Section section,
            Map<String, Object> answers, Map<String, String> errors) {
        return Templates.section(pages.chrome(section.title(), Pages.CASELOAD), person, PlanPage.name(person),
                section, SECTIONS.size(), AssessmentForm.asText(answers), errors);
    }

    private TemplateInstance checkPage(PersonView person, Map<String, Object> answers, List<String> problems) {
        return Templates.check(pages.chrome("Check the assessment before you submit it", Pages.CASELOAD), person,
                PlanPage.name(person), SECTIONS, AssessmentForm.asText(answers), problems);
    }

    private static AssessmentForm.Section section(int n) {
        if (n < 1 || n > SECTIONS.size()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return SECTIONS.get(n - 1);
    }

}
