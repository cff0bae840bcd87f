package org.joinedup.hub.assessment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.Category;

/**
 * {@code /api/people/{id}/assessment-draft}: the caller's own answers so far to a person's single assessment, saved
 * section by section; submitted with {@code POST /api/people/{id}/assessments}, which checks them all.
 */
@Path("/api/people/{id}/assessment-draft")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST })
public class AssessmentDraftsResource {

    /** A draft: answers by linkId, and when they were last saved (null when there is none yet). */
    public record Draft(Map<String, Object> answers, Instant savedAt) {
    }

    @Inject
    Access access;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @GET
    @Transactional
    public Draft get(@PathParam("id") UUID personId) {
        assessmentShared(access.read(personId, "Person/" + personId + "/assessment-draft"));
        AssessmentDraft draft = AssessmentDraft.findById(new AssessmentDraft.Key(personId, caller.name()));
        return draft == null ? new Draft(Map.of(), null) : new Draft(parse(draft.answers), draft.updatedAt);
    }

    /** Saves the answers so far (all of them: the draft becomes exactly this). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Draft save(@PathParam("id") UUID personId, Draft answers) {
        assessmentShared(access.write(personId, "Person/" + personId + "/assessment-draft"));
        AssessmentDraft.Key key = new AssessmentDraft.Key(personId, caller.name());
        AssessmentDraft draft = AssessmentDraft.findById(key);
        if (draft == null) {
            draft = new AssessmentDraft();
            draft.key = key;
        }
        try {
            draft.answers = json.writeValueAsString(answers == null || answers.answers() == null ? Map.of()
                    : answers.answers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        draft.updatedAt = Instant.now();
        draft.persist();
        return new Draft(parse(draft.answers), draft.updatedAt);
    }

    @DELETE
    @Transactional
    public void discard(@PathParam("id") UUID personId) {
        assessmentShared(access.write(personId, "Person/" + personId + "/assessment-draft"));
        AssessmentDraft.deleteById(new AssessmentDraft.Key(personId, caller.name()));
    }

    private static void assessmentShared(PersonAccess seen) {
        if (!seen.sees(Category.ASSESSMENT)) {
            throw new AccessRefusedException("the assessment is not shared with " + seen.organisation());
        }
    }

    private Map<String, Object> parse(String answers) {
        try {
            return json.readValue(answers, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a saved draft is not JSON", e);
        }
    }
}
