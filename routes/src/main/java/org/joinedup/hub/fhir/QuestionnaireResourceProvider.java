package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.joinedup.fhirmapping.SingleAssessmentQuestionnaire;
import org.joinedup.hub.access.Access;

/**
 * {@code GET /fhir/Questionnaire/<id>} and {@code Questionnaire?url=...}: the single assessment
 * ({@code single-assessment}) and the plan review ({@code outcome-review}).
 */
@Singleton
public class QuestionnaireResourceProvider implements IResourceProvider {

    @jakarta.inject.Inject
    Access access;


    private final List<Questionnaire> questionnaires = List.of(SingleAssessmentQuestionnaire.build(),
            org.joinedup.fhirmapping.OutcomeReviewQuestionnaire.build());

    @Override
    public Class<Questionnaire> getResourceType() {
        return Questionnaire.class;
    }

    @Read
    public Questionnaire read(@IdParam IdType id) {
        access.operation(Access.Action.READ, "Questionnaire/" + id.getIdPart());
        return questionnaires.stream().filter(q -> q.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                .map(Questionnaire::copy).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Questionnaire> byUrl(@RequiredParam(name = Questionnaire.SP_URL) UriParam url) {
        access.operation(Access.Action.READ, "Questionnaire?url");
        String wanted = url.getValue();
        String base = wanted.contains("|") ? wanted.substring(0, wanted.indexOf('|')) : wanted;
        String version = wanted.contains("|") ? wanted.substring(wanted.indexOf('|') + 1) : null;
        return questionnaires.stream().filter(q -> q.getUrl().equals(base)
                && (version == null || q.getVersion().equals(version))).map(Questionnaire::copy).toList();
    }
}
