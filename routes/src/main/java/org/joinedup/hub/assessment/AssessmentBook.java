package org.joinedup.hub.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.QuestionnaireResponseToAssessmentMapper;
import org.joinedup.fhirmapping.SingleAssessmentQuestionnaire;
import org.joinedup.hub.people.Person;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.assessment.AssessmentScores;

import ca.uhn.fhir.context.FhirContext;

/**
 * Records single assessments: each one checked against the Questionnaire item by item, kept as a new version for the
 * person (earlier versions stay readable), its indicative budget computed at once. A response sent again with the same
 * identifier is the same assessment, not a new version. Checking by a professional is a separate, recorded step.
 */
@ApplicationScoped
public class AssessmentBook {

    private final QuestionnaireResponseToAssessmentMapper mapper =
            new QuestionnaireResponseToAssessmentMapper(SingleAssessmentQuestionnaire.build());

    @Inject
    FhirContext fhir;

    @Inject
    IndicativeBudgets budgets;

    /** An assessment recorded, or found again for a re-sent response. */
    public record Recorded(Assessment assessment, boolean repeat) {
    }

    /** Why a step cannot be taken (the assessment is already checked...). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * @param completedBy who completed it, in words (the person, "Dave Hughes"; a coordinator; a system)
     * @param agency      the completing organisation's code, when an agency completed it
     * @param submittedBy the caller
     */
    @Transactional
    public Recorded submit(UUID personId, QuestionnaireResponse response, Assessment.Mode mode, String completedBy,
            String agency, String submittedBy) {
        Person person = Person.findById(personId);
        if (person == null || person.mergedInto != null) {
            throw new InvalidMessageException("QuestionnaireResponse.subject", person == null
                    ? "no person " + personId : "person " + personId + " is now " + person.mergedInto);
        }
        String identifier = response.hasIdentifier() && response.getIdentifier().hasValue()
                ? response.getIdentifier().getSystem() + "|" + response.getIdentifier().getValue() : null;
        if (identifier != null) {
            Assessment known = Assessment.<Assessment>find("sourceIdentifier", identifier).firstResult();
            if (known != null) {
                if (!known.person.id.equals(personId)) {
                    throw new InvalidMessageException("QuestionnaireResponse.identifier", "identifier " + identifier
                            + " is already an assessment of another person");
                }
                return new Recorded(known, true);
            }
        }
        AssessmentScores scores = mapper.map(response);
        Assessment assessment = new Assessment();
        assessment.id = UUID.randomUUID();
        assessment.person = person;
        Integer latest = Assessment.find("select max(a.version) from Assessment a where a.person = ?1", person)
                .project(Integer.class).firstResult();
        assessment.version = latest == null ? 1 : latest + 1;
        assessment.questionnaire = response.getQuestionnaire();
        assessment.mode = mode;
        assessment.completedBy = completedBy;
        assessment.completedByAgency = agency;
        assessment.submittedBy = submittedBy;
        assessment.submittedAt = Instant.now();
        assessment.sourceIdentifier = identifier;
        response.setId(new IdType("QuestionnaireResponse", assessment.id.toString(), "1"));
        response.getMeta().setLastUpdatedElement(new InstantType(java.util.Date.from(assessment.submittedAt)));
        response.setSubject(new Reference("Patient/" + personId));
        if (!response.hasAuthored()) {
            response.setAuthored(java.util.Date.from(assessment.submittedAt));
        }
        assessment.response = fhir.newJsonParser().encodeResourceToString(response);
        assessment.scores = budgets.write(scores);
        assessment.totalPoints = scores.totalPoints();
        assessment.persist();
        budgets.compute(assessment);
        return new Recorded(assessment, false);
    }

    /** A professional has checked the assessment (a self-assessment, typically) with the person. */
    @Transactional
    public Assessment check(UUID assessmentId, String by, String note) {
        Assessment assessment = Assessment.findById(assessmentId);
        if (assessment == null) {
            throw new Refused("no assessment " + assessmentId);
        }
        if (assessment.checkedAt != null) {
            throw new Refused("assessment " + assessmentId + " was checked by " + assessment.checkedBy + " at "
                    + assessment.checkedAt);
        }
        assessment.checkedBy = by;
        assessment.checkedAt = Instant.now();
        assessment.checkNote = note;
        return assessment;
    }

    public QuestionnaireResponse response(Assessment assessment) {
        return fhir.newJsonParser().parseResource(QuestionnaireResponse.class, assessment.response);
    }

    public AssessmentScores scores(Assessment assessment) {
        return budgets.read(assessment.scores, AssessmentScores.class);
    }

    /** The person's assessments, newest first. */
    public List<Assessment> of(UUID personId) {
        return Assessment.<Assessment>find("person.id = ?1 order by version desc", personId).list();
    }
}
