package org.joinedup.hub.fhir;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.ConsentDirective;
import org.joinedup.hub.access.Consents;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;

/**
 * The family's decisions about sharing as FHIR R4 {@code Consent}: create, read, search by patient, and withdraw by
 * updating {@code status} to {@code inactive}. A decision takes effect on the very next request.
 */
@Singleton
public class ConsentResourceProvider implements IResourceProvider {

    @Inject
    Consents consents;

    @Inject
    FhirAccess access;

    @Inject
    Caller caller;

    @Override
    public Class<Consent> getResourceType() {
        return Consent.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Consent consent) {
        String personId = consent.getPatient().getReferenceElement().getIdPart();
        org.joinedup.hub.access.PersonAccess recorder = access.write(personId, new IdType("Patient", personId));
        mayRecord();
        try {
            ConsentDirective recorded;
            try {
                org.joinedup.hub.access.ConsentDecision decision = ConsentMapper.decision(consent);
                try {
                    consents.notSelfServing(decision, recorder);
                } catch (org.joinedup.hub.access.AccessRefusedException selfServing) {
                    throw FhirErrors.forbidden(selfServing.getMessage());
                }
                recorded = consents.record(UUID.fromString(personId), decision, caller.name(), caller.agency());
            } catch (InvalidMessageException invalid) {
                throw ConsentMapper.inFhirTerms(invalid);
            }
            MethodOutcome outcome = new MethodOutcome(new IdType("Consent", recorded.id.toString(), "1"));
            outcome.setCreated(true);
            outcome.setResource(ConsentMapper.consent(recorded));
            return outcome;
        } catch (InvalidMessageException invalid) {
            throw FhirErrors.toFhir(invalid);
        }
    }

    @Read
    public Consent read(@IdParam IdType id) {
        ConsentDirective directive = find(id);
        access.read(directive.personId.toString(), new IdType("Consent", id.getIdPart()));
        return ConsentMapper.consent(directive);
    }

    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byPatient(@RequiredParam(name = Consent.SP_PATIENT) ReferenceParam patient, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        if (patient.getIdPart() == null || patient.getIdPart().isBlank()) {
            throw new InvalidRequestException("Consent?patient= needs Patient/<id>");
        }
        return SearchPages.of(access.readIfKnown(patient.getIdPart(), "Consent?patient=" + patient.getIdPart())
                .map(seen -> consents.of(seen.personId()).stream().map(ConsentMapper::consent).toList())
                .orElse(List.of()), offset, count);
    }

    /** {@code PUT /fhir/Consent/{id}} with {@code status} {@code inactive}: the decision is withdrawn. */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Consent changed) {
        ConsentDirective directive = find(id);
        access.write(directive.personId.toString(), new IdType("Consent", id.getIdPart()));
        mayRecord();
        if (changed.getStatus() != Consent.ConsentState.INACTIVE) {
            throw FhirErrors.toFhir(new InvalidMessageException("Consent.status", "a recorded decision is only"
                    + " withdrawn (status inactive); to change what it says, withdraw it and record a new one"));
        }
        ConsentDirective withdrawn = consents.withdraw(directive.id, caller.name());
        MethodOutcome outcome = new MethodOutcome(new IdType("Consent", withdrawn.id.toString(),
                Integer.toString(withdrawn.version)));
        outcome.setResource(ConsentMapper.consent(withdrawn));
        return outcome;
    }

    private void mayRecord() {
        if (!caller.hasRole(Caller.COORDINATOR) && !caller.hasRole(Caller.COUNCIL) && !caller.hasRole(Caller.TRUST)) {
            throw FhirErrors.forbidden("a coordinator, council officer or trust records the family's decisions");
        }
    }

    private ConsentDirective find(IdType id) {
        try {
            return consents.find(UUID.fromString(id.getIdPart())).orElseThrow(() -> notFound(id));
        } catch (IllegalArgumentException notAnId) {
            throw notFound(id);
        }
    }

    private ResourceNotFoundException notFound(IdType id) {
        access.access().operation(Access.Action.READ, "Consent/" + id.getIdPart());
        return new ResourceNotFoundException(id);
    }
}
