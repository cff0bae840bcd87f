package org.joinedup.fhirmapping;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.PersonRecord;

/** A hub person as a UK Core Patient. */
public final class PersonToPatientMapper {

    public Patient map(PersonRecord person) {
        Patient patient = new Patient();
        patient.setId(person.id());
        for (IdentifierRecord id : person.identifiers()) {
            Identifier identifier = patient.addIdentifier().setSystem(id.system()).setValue(id.value());
            if (FhirSystems.NHS_NUMBER.equals(id.system())) {
                String code = id.verified() ? FhirSystems.NHS_NUMBER_VERIFIED_CODE : "02";
                String display = id.verified() ? "Number present and verified" : "Number present but not traced";
                identifier.addExtension(FhirSystems.NHS_NUMBER_VERIFICATION_EXTENSION, new CodeableConcept(
                        new Coding(FhirSystems.NHS_NUMBER_VERIFICATION_SYSTEM, code, display)));
            }
        }
        patient.addIdentifier().setSystem(FhirSystems.HUB_PERSON_ID).setValue(person.id());
        if (person.givenName() != null || person.familyName() != null) {
            patient.addName().setFamily(person.familyName()).addGiven(person.givenName());
        }
        if (person.birthDate() != null) {
            patient.getBirthDateElement().setValueAsString(person.birthDate().toString());
        }
        if (person.postcode() != null || person.uprn() != null) {
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME).setPostalCode(person.postcode());
            if (person.uprn() != null) {
                Extension key = address.addExtension().setUrl(FhirSystems.ADDRESS_KEY_EXTENSION);
                key.addExtension("type", new Coding(FhirSystems.ADDRESS_KEY_TYPE_SYSTEM, FhirSystems.UPRN_TYPE, null));
                key.addExtension("value", new StringType(person.uprn()));
            }
        }
        return patient;
    }
}
