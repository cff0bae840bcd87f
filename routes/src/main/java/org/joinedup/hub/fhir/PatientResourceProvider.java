package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.joinedup.fhirmapping.PersonToPatientMapper;

/** Hub people as UK Core Patients: read by id, search by identifier (NHS number). */
@Singleton
public class PatientResourceProvider implements IResourceProvider {

    private final PersonToPatientMapper mapper = new PersonToPatientMapper();

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
