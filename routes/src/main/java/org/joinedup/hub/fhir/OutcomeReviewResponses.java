package org.joinedup.hub.fhir;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.fhirmapping.OutcomeReviewMapper;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.plan.SupportPlan;
import org.joinedup.hub.platform.Today;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.value.OutcomeReviews;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.access.Category;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.value.OutcomeReview;

/**
 * Plan reviews as {@code QuestionnaireResponse}s of the {@code outcome-review} Questionnaire: a coordinator's
 * system posts one about a person (it reviews their current plan, as {@code POST /api/plans/{id}/reviews} does, and
 * is checked the same way); reads show each review to those who see the person's plan.
 */
@ApplicationScoped
public class OutcomeReviewResponses {

    /** Names the plan a review is of ({@code basedOn}): the hub keeps plans, not as FHIR CarePlans. */
    public static final String SUPPORT_PLAN = FhirSystems.HUB_BASE + "/Id/support-plan";

    @Inject
    OutcomeReviews reviews;

    @Inject
    Caller caller;

    @Inject
    Today today;

    /** Whether a response is a plan review (else it is taken as a single assessment). */
    public static boolean isReview(QuestionnaireResponse response) {
        return response.hasQuestionnaire() && response.getQuestionnaire().startsWith(FhirSystems.OUTCOME_REVIEW);
    }

    /** Records the review of the person's current plan; the caller has passed the access decision for them. */
    /** Refuses (403) a caller who may not record plan reviews. */
    public void mayRecord() {
        if (!caller.hasRole(Caller.COORDINATOR)) {
            throw FhirErrors.forbidden("only a coordinator records a plan review");
        }
    }

    /**
     * Records the review of the person's current plan, once: a response sent again with the same
     * {@code identifier} is the review already recorded.
     */
    public MethodOutcome create(UUID personId, QuestionnaireResponse response) {
        mayRecord();
        OutcomeReview review = OutcomeReviewMapper.read(response, today.date());
        UUID planId = currentPlan(personId).orElseThrow(() -> new InvalidMessageException(
                "QuestionnaireResponse.subject", "Patient/" + personId + " has no support plan to review"));
        try {
            OutcomeReviews.Recorded recorded = reviews.record(planId, review, caller.name(), reference(response));
            MethodOutcome outcome = new MethodOutcome(new IdType("QuestionnaireResponse", recorded.id(), "1"));
            outcome.setCreated(!recorded.repeat());
            return outcome;
        } catch (LedgerRefusal refused) {
            // the plan changed meanwhile: as the JSON API, a conflict
            throw new ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException(refused.getMessage());
        }
    }

    /** The response's own identifier, {@code system|value}, by which a resend is recognised; or null. */
    private static String reference(QuestionnaireResponse response) {
        if (!response.hasIdentifier() || !response.getIdentifier().hasValue()) {
            return null;
        }
        String reference = (response.getIdentifier().hasSystem() ? response.getIdentifier().getSystem() + "|" : "")
                + response.getIdentifier().getValue();
        if (reference.length() > OutcomeReviews.MOST_REFERENCE) {
            throw new InvalidMessageException("QuestionnaireResponse.identifier", "longer than "
                    + OutcomeReviews.MOST_REFERENCE + " characters");
        }
        return reference;
    }

    /** The review with this id and whose it is, if it is one. */
    public Optional<OutcomeReviews.Recorded> find(String id) {
        try {
            return reviews.review(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** The review as the caller may see it: only to those who see the person's plan. */
    public QuestionnaireResponse shown(OutcomeReviews.Recorded recorded, PersonAccess seen) {
        if (!seen.sees(Category.PLAN)) {
            throw new ResourceNotFoundException(new IdType("QuestionnaireResponse", recorded.id()));
        }
        return response(recorded);
    }

    /** Every review of the person's plans the caller may see, newest first. */
    public List<QuestionnaireResponse> ofPerson(UUID personId, PersonAccess seen) {
        if (!seen.sees(Category.PLAN)) {
            return List.of();
        }
        return reviews.reviewsOfPerson(personId).stream().map(OutcomeReviewResponses::response).toList();
    }

    private static QuestionnaireResponse response(OutcomeReviews.Recorded recorded) {
        QuestionnaireResponse response = OutcomeReviewMapper.write(OutcomeReviews.asReview(recorded));
        response.setId(new IdType("QuestionnaireResponse", recorded.id(), "1"));
        response.setSubject(new Reference("Patient/" + recorded.personId()));
        response.addBasedOn(new Reference().setIdentifier(new Identifier().setSystem(SUPPORT_PLAN)
                .setValue(recorded.planId())).setDisplay("support plan version " + recorded.planVersion()));
        response.setAuthored(Date.from(recorded.recordedAt()));
        response.setAuthor(new Reference().setDisplay(recorded.recordedBy()));
        return response;
    }

    @Transactional
    Optional<UUID> currentPlan(UUID personId) {
        return SupportPlan.currentOf(personId).map(plan -> plan.id);
    }
}
