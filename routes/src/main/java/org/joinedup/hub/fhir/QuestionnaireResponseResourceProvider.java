package org.joinedup.hub.fhir;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.assessment.AssessmentViews;
import org.joinedup.hub.assessment.Assessment;
import org.joinedup.hub.assessment.AssessmentBook;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.PersonRecord;
import org.joinedup.model.access.Category;

/**
 * {@code POST /fhir/QuestionnaireResponse}: a single assessment about one person (subject {@code Patient/<id>} or
 * {@code Patient} by NHS number identifier), from a coordinator, the family (source = the subject) or any agency's
 * system; checked item by item ({@code 422} with an OperationOutcome issue per item). A response to the
 * {@code outcome-review} Questionnaire is a plan review instead ({@link OutcomeReviewResponses}). Reads and
 * {@code QuestionnaireResponse?subject=Patient/<id>} serve every version of the assessment and every review.
 */
@Singleton
public class QuestionnaireResponseResourceProvider implements IResourceProvider {

    @Inject
    AssessmentBook book;

    @Inject
    FhirReads reads;

    @Inject
    Caller caller;

    @Inject
    FhirAccess access;

    @Inject
    OutcomeReviewResponses reviews;

    @Override
    public Class<QuestionnaireResponse> getResourceType() {
        return QuestionnaireResponse.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam QuestionnaireResponse response) {
        if (caller.hasRole(Caller.OPERATOR) && !caller.hasRole(Caller.COORDINATOR)) {
            throw FhirErrors.forbidden("the operator role does not record assessments");
        }
        try {
            UUID personId = subject(response);
            boolean review = OutcomeReviewResponses.isReview(response);
            if (review) {
                reviews.mayRecord(); // before the access decision: a refused role is not audited as a write
            }
            try {
                access.write(personId.toString(), new IdType("Patient", personId.toString()));
            } catch (ResourceNotFoundException hidden) {
                if (response.getSubject().hasIdentifier()) {
                    // the same answer as for an NHS number nobody has: the person does not exist for the caller
                    throw new InvalidMessageException("QuestionnaireResponse.subject.identifier",
                            "no person with NHS number " + response.getSubject().getIdentifier().getValue());
                }
                throw hidden;
            }
            if (review) {
                return reviews.create(personId, response);
            }
            AssessmentBook.Recorded recorded = book.submit(personId, response, mode(response, personId),
                    completedBy(response), caller.hasRole(Caller.COORDINATOR) ? null : caller.agency(), caller.name());
            MethodOutcome outcome = new MethodOutcome(new IdType("QuestionnaireResponse",
                    recorded.assessment().id.toString(), "1"));
            outcome.setCreated(!recorded.repeat());
            return outcome;
        } catch (InvalidMessageException invalid) {
            throw FhirErrors.toFhir(invalid);
        }
    }

    @Read
    @Transactional
    public QuestionnaireResponse read(@IdParam IdType id) {
        Assessment assessment = find(id.getIdPart());
        java.util.Optional<org.joinedup.hub.value.OutcomeReviews.Recorded> review = assessment == null
                ? reviews.find(id.getIdPart()) : java.util.Optional.empty();
        if (review.isPresent()) {
            return reviews.shown(review.get(), access.read(review.get().personId(), new IdType(
                    "QuestionnaireResponse", id.getIdPart())));
        }
        if (assessment == null) {
            access.access().operation(Access.Action.READ, "QuestionnaireResponse/"
                    + id.getIdPart());
            throw new ResourceNotFoundException(id);
        }
        PersonAccess seen = access.read(assessment.person.id.toString(), new IdType("QuestionnaireResponse",
                id.getIdPart()));
        if (!seen.sees(Category.ASSESSMENT)) {
            throw new ResourceNotFoundException(id);
        }
        return AssessmentViews.shown(book.response(assessment), seen);
    }

    @Search
    @Transactional
    public ca.uhn.fhir.rest.api.server.IBundleProvider bySubject(
            @RequiredParam(name = QuestionnaireResponse.SP_SUBJECT) ReferenceParam subject, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        if (subject.getIdPart() == null || subject.getIdPart().isBlank()) {
            throw new InvalidRequestException("QuestionnaireResponse?subject= needs Patient/<id>");
        }
        UUID personId;
        try {
            personId = UUID.fromString(subject.getIdPart());
        } catch (IllegalArgumentException e) {
            access.access().operation(Access.Action.READ, "QuestionnaireResponse?subject");
            return SearchPages.of(List.of(), offset, count);
        }
        return SearchPages.of(access.readIfKnown(personId.toString(), "QuestionnaireResponse?subject=" + personId)
                .map(seen -> java.util.stream.Stream.concat(seen.sees(Category.ASSESSMENT) ? book.of(personId)
                        .stream().map(a -> AssessmentViews.shown(book.response(a), seen)) : java.util.stream.Stream
                        .empty(), reviews.ofPerson(personId, seen).stream()).toList())
                .orElse(List.of()), offset, count);
    }

    private static Assessment find(String id) {
        try {
            return Assessment.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private UUID subject(QuestionnaireResponse response) {
        Reference subject = response.getSubject();
        if (subject.getReferenceElement().getIdPart() != null) {
            try {
                return UUID.fromString(subject.getReferenceElement().getIdPart());
            } catch (IllegalArgumentException e) {
                throw new InvalidMessageException("QuestionnaireResponse.subject", "Patient/"
                        + subject.getReferenceElement().getIdPart() + " is not a person the hub knows");
            }
        }
        if (subject.hasIdentifier() && FhirSystems.NHS_NUMBER.equals(subject.getIdentifier().getSystem())) {
            List<PersonRecord> people = reads.peopleByIdentifier(FhirSystems.NHS_NUMBER,
                    subject.getIdentifier().getValue().replaceAll("\\s", ""));
            if (people.size() == 1) {
                return UUID.fromString(people.get(0).id());
            }
            throw new InvalidMessageException("QuestionnaireResponse.subject.identifier", "no person with NHS number "
                    + subject.getIdentifier().getValue());
        }
        throw new InvalidMessageException("QuestionnaireResponse.subject",
                "name the person: Patient/<id> or an NHS number identifier");
    }

    /**
     * SELF when the person is the source (a self-assessment), else the mode extension if given, else PROFESSIONAL for
     * a coordinator and AGENCY for an agency's system.
     */
    private Assessment.Mode mode(QuestionnaireResponse response, UUID personId) {
        if (response.hasSource() && personId.toString().equals(response.getSource().getReferenceElement().getIdPart())) {
            return Assessment.Mode.SELF;
        }
        Extension extension = response.getExtensionByUrl(FhirSystems.ASSESSMENT_MODE_EXTENSION);
        if (extension != null && extension.getValue() instanceof CodeType code) {
            try {
                return Assessment.Mode.valueOf(code.getValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidMessageException("QuestionnaireResponse.extension('" + FhirSystems
                        .ASSESSMENT_MODE_EXTENSION + "')", "must be SELF, PROFESSIONAL or AGENCY");
            }
        }
        return caller.hasRole(Caller.COORDINATOR) ? Assessment.Mode.PROFESSIONAL : Assessment.Mode.AGENCY;
    }

    private String completedBy(QuestionnaireResponse response) {
        if (response.hasAuthor() && response.getAuthor().hasDisplay()) {
            return response.getAuthor().getDisplay();
        }
        if (response.hasSource() && response.getSource().hasDisplay()) {
            return response.getSource().getDisplay();
        }
        return caller.name();
    }
}
