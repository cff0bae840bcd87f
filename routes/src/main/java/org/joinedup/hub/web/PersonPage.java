package org.joinedup.hub.web;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.identity.SourceRecordViews.SourceRecordView;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.people.PeopleResource.PersonView;
import org.joinedup.hub.security.Caller;

/**
 * {@code /app/people/{id}}: a person as the hub knows them: their identifiers and how each was checked, and every
 * agency's record linked to them with why, in words.
 */
@Path("/app/people/{id}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COORDINATOR, Caller.OPERATOR })
public class PersonPage {

    /** A source record with why it was linked. */
    public record Linked(SourceRecordView record, LinkInWords.Why why) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance person(Chrome chrome, PersonView person, String name, List<Linked> records,
                String done, String splitError);
    }

    @Inject
    PeopleResource people;

    @Inject
    Pages pages;

    /** Splits one source record off the person it was wrongly joined to, with the reason. */
    @jakarta.ws.rs.POST
    @Path("/split")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public jakarta.ws.rs.core.Response split(@PathParam("id") String id,
            @jakarta.ws.rs.FormParam("sourceRecordId") String record,
            @jakarta.ws.rs.FormParam("reason") String reason) {
        PersonView person = people.person(id);
        UUID personId = UUID.fromString(person.id());
        jakarta.ws.rs.core.Response answer = null;
        if (record != null && record.matches("[0-9a-f-]{36}") && reason != null && !reason.isBlank()) {
            answer = people.split(personId, new PeopleResource.SplitRequest(List.of(UUID.fromString(record)),
                    reason.strip()));
        }
        if (answer != null && answer.getStatus() == 200 && answer.getEntity() instanceof java.util.Map<?, ?> map) {
            return jakarta.ws.rs.core.Response.seeOther(java.net.URI.create("/app/people/" + map.get("newPersonId")
                    + "?done=split")).build();
        }
        return Pages.html(answer == null ? 400 : 422, page(person, null, record));
    }

    @GET
    public TemplateInstance person(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("done") String done,
            @jakarta.ws.rs.QueryParam("splitError") String splitError) {
        return page(people.person(id), done, splitError);
    }

    private TemplateInstance page(PersonView person, String done, String splitError) {
        List<Linked> records = people.sourceRecords(UUID.fromString(person.id())).stream()
                .map(r -> new Linked(r, LinkInWords.of(r.linkMethod(), r.linkReason(), r.explanation()))).toList();
        String name = PlanPage.name(person);
        return Templates.person(pages.chrome(name, Pages.CASELOAD), person, name, records, done, splitError);
    }
}
