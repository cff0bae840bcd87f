package org.joinedup.hub.value;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.access.Category;

/**
 * {@code /api/people/{id}/equality}: equality monitoring as the council records it with the person, their ethnicity
 * in the council's words and whether they are disabled ({@code YES}, {@code NO}, {@code NOT_SAID}). Special category
 * data: a coordinator records it, and it is read only by those who see the person's health (category {@code health}:
 * the coordinator, the council, the NHS; others with the person's consent), through the one access decision. The equity report counts people by it, never naming anyone.
 */
@Path("/api/people/{id}/equality")
@Produces(MediaType.APPLICATION_JSON)
public class EqualityResource {

    public static final int MOST_ETHNICITY = 100;

    public record Equality(String ethnicity, String disability) {
    }

    public record Recorded(String ethnicity, String disability, String recordedBy, Instant recordedAt) {
    }

    @Inject
    Access access;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    @Transactional
    public Response record(@PathParam("id") UUID personId, Equality given) {
        access.write(personId, "Person/" + personId + "/equality");
        try {
            Equality checked = check(given);
            em.createNativeQuery("""
                    insert into person_equality (person_id, ethnicity, disability, recorded_by, recorded_at)
                    values (?1, ?2, ?3, ?4, ?5)
                    on conflict (person_id) do update set ethnicity = excluded.ethnicity,
                        disability = excluded.disability, recorded_by = excluded.recorded_by,
                        recorded_at = excluded.recorded_at""").setParameter(1, personId)
                    .setParameter(2, checked.ethnicity()).setParameter(3, checked.disability())
                    .setParameter(4, caller.name()).setParameter(5, Instant.now()).executeUpdate();
            return Response.ok(read(personId)).build();
        } catch (InvalidMessageException invalid) {
            return ApiProblems.problems(422, "REFUSED", invalid);
        }
    }

    @GET
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    @Transactional
    public Recorded get(@PathParam("id") UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/equality");
        // special category data, disability with it: shown to those who see the person's health
        if (!seen.sees(Category.HEALTH)) {
            throw new NotVisibleException("no equality monitoring for person " + personId);
        }
        return read(personId);
    }

    private Recorded read(UUID personId) {
        List<?> rows = em.createNativeQuery("select ethnicity, disability, recorded_by, recorded_at from"
                + " person_equality where person_id = ?1").setParameter(1, personId).getResultList();
        if (rows.isEmpty()) {
            return new Recorded(null, null, null, null);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Recorded((String) r[0], (String) r[1], (String) r[2],
                org.joinedup.hub.platform.SqlValues.instant(r[3]));
    }

    /** Field by field: every problem at once. */
    static Equality check(Equality given) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (given == null) {
            throw new InvalidMessageException(List.of(new ValidationIssue("$", "give ethnicity and disability")));
        }
        String ethnicity = given.ethnicity() == null || given.ethnicity().isBlank() ? null : given.ethnicity().strip();
        if (ethnicity != null && ethnicity.length() > MOST_ETHNICITY) {
            issues.add(new ValidationIssue("ethnicity", "longer than " + MOST_ETHNICITY + " characters"));
        }
        String disability = given.disability() == null ? null : given.disability().strip().toUpperCase(Locale.ROOT);
        if (disability != null && !List.of("YES", "NO", "NOT_SAID").contains(disability)) {
            issues.add(new ValidationIssue("disability", "'" + given.disability() + "' is not YES, NO or NOT_SAID"));
        }
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
        return new Equality(ethnicity, disability);
    }
}
