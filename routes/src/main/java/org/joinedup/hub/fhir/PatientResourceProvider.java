package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.joinedup.fhirmapping.ContributionToAccountMapper;
import org.joinedup.fhirmapping.PersonToPatientMapper;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.ContributionRecord;

/** Hub people as UK Core Patients: read by id, search by identifier (NHS number), and their joined-up record. */
@Singleton
public class PatientResourceProvider implements IResourceProvider {

    private final PersonToPatientMapper mapper = new PersonToPatientMapper();
    private final ContributionToAccountMapper accounts = new ContributionToAccountMapper();

    @Inject
    Caller caller;

    @Inject
    org.joinedup.hub.assessment.AssessmentBook assessments;

    @Inject
    AlertToFlagMapper flags;

    @Inject
    AccountResourceProvider poolAccounts;

    @Inject
    ChargeItemResourceProvider chargeItems;

    @Inject
    FhirReads reads;

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return reads.person(id.getIdPart()).map(mapper::map)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /**
     * {@code GET /fhir/Patient/{id}/$everything}: the person's joined-up record the caller may see, as a Bundle: the
     * Patient, their pooled personal budget as an Account and each contribution to it as a child Account (an NHS body
     * sees only its own), the payments as ChargeItems, every version of their single assessment as
     * QuestionnaireResponses, and their open alerts from every agency as Flags.
     */
    @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
    @jakarta.transaction.Transactional
    public Bundle everything(@IdParam IdType id) {
        Patient patient = read(id);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addEntry().setFullUrl("Patient/" + patient.getIdPart()).setResource(patient);
        try {
            org.hl7.fhir.r4.model.Account pool = poolAccounts.pool(patient.getIdPart());
            bundle.addEntry().setFullUrl("Account/" + pool.getIdPart()).setResource(pool);
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException noBudgetYet) {
            // no contribution yet: no pooled budget to show
        }
        for (ContributionRecord contribution : reads.contributionsOf(patient.getIdPart())) {
            if (!caller.seesOnlyOwnBudgets() || contribution.fundingBodyCode().equalsIgnoreCase(caller.agency())) {
                bundle.addEntry().setFullUrl("Account/" + contribution.id()).setResource(accounts.map(contribution));
            }
        }
        for (org.hl7.fhir.r4.model.ChargeItem payment : chargeItems.byPatient(
                new ca.uhn.fhir.rest.param.ReferenceParam("Patient/" + patient.getIdPart()))) {
            bundle.addEntry().setFullUrl("ChargeItem/" + payment.getIdPart()).setResource(payment);
        }
        for (org.joinedup.hub.assessment.Assessment assessment : assessments.of(java.util.UUID.fromString(
                patient.getIdPart()))) {
            bundle.addEntry().setFullUrl("QuestionnaireResponse/" + assessment.id)
                    .setResource(assessments.response(assessment));
        }
        for (org.joinedup.hub.people.PeopleResource.AlertView alert
                : org.joinedup.hub.people.PeopleResource.alerts(patient.getIdPart())) {
            org.hl7.fhir.r4.model.Flag flag = flags.map(patient.getIdPart(), alert);
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
                    (patient.getIdPart() + alert.kind() + alert.raisedAt()).getBytes())).setResource(flag);
        }
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    @Search
    public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier) {
        if (identifier == null || identifier.getSystem() == null || identifier.getValue() == null) {
            throw new InvalidRequestException("search by identifier needs system|value, for example "
                    + "identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919");
        }
        String value = identifier.getValue().replaceAll("[\\s-]", "");
        return reads.peopleByIdentifier(identifier.getSystem(), value).stream().map(mapper::map).toList();
    }
}
