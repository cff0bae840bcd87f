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
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.access.Category;

/** Hub people as UK Core Patients: read by id, search by identifier (NHS number), and their joined-up record. */
@Singleton
public class PatientResourceProvider implements IResourceProvider {

    private final PersonToPatientMapper mapper = new PersonToPatientMapper();
    private final ContributionToAccountMapper accounts = new ContributionToAccountMapper();


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

    @Inject
    FhirAccess access;

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    /**
     * {@code GET /fhir/Patient/{id}}. A person merged into another answers as FHIR servers do: the old id's Patient,
     * {@code active} false, with a {@code link} of type {@code replaced-by} to the survivor; only to a caller who may
     * see the survivor (anyone else gets the 404 of a person they do not know).
     */
    @Read
    public Patient read(@IdParam IdType id) {
        java.util.Optional<java.util.UUID> survivor = reads.survivorOf(id.getIdPart());
        if (survivor.isPresent()) {
            access.read(survivor.get().toString(), new IdType("Patient", id.getIdPart()));
            Patient replaced = new Patient();
            replaced.setId(new IdType("Patient", id.getIdPart()));
            replaced.setActive(false);
            replaced.addLink().setType(Patient.LinkType.REPLACEDBY)
                    .setOther(new org.hl7.fhir.r4.model.Reference("Patient/" + survivor.get()));
            return replaced;
        }
        return patient(id, access.read(id.getIdPart(), new IdType("Patient", id.getIdPart())));
    }

    private Patient patient(IdType id, PersonAccess seen) {
        Patient patient = reads.person(id.getIdPart()).map(mapper::map)
                .orElseThrow(() -> new ResourceNotFoundException(id));
        return seen.sees(Category.DEMOGRAPHICS) ? patient
                : (Patient) new Patient().setId(patient.getIdElement());
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
        PersonAccess seen = access.read(id.getIdPart(),
                new IdType("Patient", id.getIdPart() + "/$everything"));
        Patient patient = patient(id, seen);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addEntry().setFullUrl("Patient/" + patient.getIdPart()).setResource(patient);
        try {
            org.hl7.fhir.r4.model.Account pool = poolAccounts.pool(patient.getIdPart(), seen);
            bundle.addEntry().setFullUrl("Account/" + pool.getIdPart()).setResource(pool);
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException noBudgetYet) {
            // no contribution the caller may see: no pooled budget to show
        }
        for (ContributionRecord contribution : reads.contributionsOf(patient.getIdPart())) {
            if (seen.seesMoney(contribution.agency(), contribution.fundingBodyCode())) {
                bundle.addEntry().setFullUrl("Account/" + contribution.id()).setResource(accounts.map(contribution));
            }
        }
        for (org.hl7.fhir.r4.model.ChargeItem payment : chargeItems.ofPerson(java.util.UUID.fromString(
                patient.getIdPart()), seen)) {
            bundle.addEntry().setFullUrl("ChargeItem/" + payment.getIdPart()).setResource(payment);
        }
        if (seen.sees(Category.ASSESSMENT)) {
            for (org.joinedup.hub.assessment.Assessment assessment : assessments.of(java.util.UUID.fromString(
                    patient.getIdPart()))) {
                bundle.addEntry().setFullUrl("QuestionnaireResponse/" + assessment.id)
                        .setResource(org.joinedup.hub.assessment.AssessmentViews.shown(
                                assessments.response(assessment), seen));
            }
        }
        for (org.joinedup.hub.people.PeopleResource.AlertView alert
                : org.joinedup.hub.people.PeopleResource.alerts(patient.getIdPart(), seen)) {
            org.hl7.fhir.r4.model.Flag flag = flags.map(patient.getIdPart(), alert);
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
                    (patient.getIdPart() + alert.kind() + alert.raisedAt()).getBytes())).setResource(flag);
        }
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    /**
     * {@code Patient?identifier=system|value}, several comma-separated meaning any of them; {@code _count} and
     * {@code _offset} page it, {@code _summary=count} says how many. Only the people the caller may see.
     */
    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byIdentifier(
            @RequiredParam(name = Patient.SP_IDENTIFIER) ca.uhn.fhir.rest.param.TokenOrListParam identifiers,
            @ca.uhn.fhir.rest.annotation.Offset Integer offset, @ca.uhn.fhir.rest.annotation.Count Integer count) {
        java.util.Map<String, org.joinedup.model.PersonRecord> found = new java.util.TreeMap<>();
        for (TokenParam identifier : identifiers.getValuesAsQueryTokens()) {
            if (identifier.getSystem() == null || identifier.getSystem().isBlank() || identifier.getValue() == null
                    || identifier.getValue().isBlank()) {
                throw new InvalidRequestException("search by identifier needs system|value, for example "
                        + "identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919 (several, comma-separated, mean"
                        + " any of them)");
            }
            String value = identifier.getValue().replaceAll("[\\s-]", "");
            reads.peopleByIdentifier(identifier.getSystem(), value).forEach(p -> found.put(p.id(), p));
        }
        java.util.Set<String> shown = access.access().readAll(found.keySet().stream()
                        .map(java.util.UUID::fromString).toList(), "Patient?identifier").stream()
                .filter(a -> a.sees(Category.DEMOGRAPHICS))
                .map(a -> a.personId().toString()).collect(java.util.stream.Collectors.toSet());
        return SearchPages.of(found.values().stream().filter(p -> shown.contains(p.id())).map(mapper::map).toList(),
                offset, count);
    }
}
