package org.joinedup.fhirmapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.joinedup.model.Limits;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.PersonDetails;

/**
 * Reads a UK Core Patient: the NHS number (which must pass its check digit whatever its verification status
 * says), whether it is verified, name, birth date, postcode and UPRN.
 */
public final class PatientToPersonDetailsMapper {

    /** Returns the person, or empty after adding to {@code issues} why the Patient cannot be used. */
    Optional<PersonDetails> map(Patient patient, String path, IssueCollector issues) {
        List<Identifier> identifiers = patient.getIdentifier();
        int nhsIndex = -1;
        for (int i = 0; i < identifiers.size(); i++) {
            if (FhirSystems.NHS_NUMBER.equals(identifiers.get(i).getSystem())) {
                nhsIndex = i;
                break;
            }
        }
        if (nhsIndex < 0) {
            issues.add(path + ".identifier",
                    "Patient has no NHS number (identifier with system " + FhirSystems.NHS_NUMBER + ")");
            return Optional.empty();
        }
        Identifier nhs = identifiers.get(nhsIndex);
        Optional<String> problem = NhsNumber.problemWith(nhs.getValue());
        if (problem.isPresent()) {
            issues.add(path + ".identifier[" + nhsIndex + "].value", problem.get());
            return Optional.empty();
        }
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        Address address = patient.getAddress().stream()
                .filter(a -> a.getUse() == Address.AddressUse.HOME)
                .findFirst()
                .orElse(patient.getAddress().isEmpty() ? null : patient.getAddressFirstRep());
        int before = issues.size();
        String given = issues.within(name.getGiven().isEmpty() ? null : name.getGiven().get(0).getValue(),
                Limits.NAME, path + ".name.given");
        String family = issues.within(name.getFamily(), Limits.NAME, path + ".name.family");
        String postcode = address == null ? null : issues.within(address.getPostalCode(), Limits.POSTCODE,
                path + ".address.postalCode");
        LocalDate born = birthDate(patient, path + ".birthDate", issues);
        if (issues.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PersonDetails(
                NhsNumber.parse(nhs.getValue()),
                isVerified(nhs),
                given,
                family,
                born,
                org.joinedup.model.identity.Postcodes.display(postcode),
                address == null ? null : uprn(address)));
    }

    private static LocalDate birthDate(Patient patient, String path, IssueCollector issues) {
        String value = patient.getBirthDateElement().getValueAsString();
        if (value == null || value.length() != 10) {
            return null;
        }
        LocalDate born;
        try {
            born = LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            issues.add(path, "'" + value + "' is not a date");
            return null;
        }
        if (born.isAfter(LocalDate.now(java.time.ZoneId.of("Europe/London")))) {
            issues.add(path, born + " is in the future");
            return null;
        }
        return issues.plausible(born, path);
    }

    static boolean isVerified(Identifier nhsNumber) {
        Extension status = nhsNumber.getExtensionByUrl(FhirSystems.NHS_NUMBER_VERIFICATION_EXTENSION);
        if (status == null || !(status.getValue() instanceof CodeableConcept concept)) {
            return false;
        }
        return concept.getCoding().stream().anyMatch(PatientToPersonDetailsMapper::isVerifiedCode);
    }

    private static boolean isVerifiedCode(Coding coding) {
        boolean knownSystem = FhirSystems.NHS_NUMBER_VERIFICATION_SYSTEM.equals(coding.getSystem())
                || FhirSystems.NHS_NUMBER_VERIFICATION_SYSTEM_RETIRED.equals(coding.getSystem());
        return knownSystem && FhirSystems.NHS_NUMBER_VERIFIED_CODE.equals(coding.getCode());
    }

    /** The UPRN from the UK Core AddressKey extension, when it is typed UPRN and is all digits. */
    static String uprn(Address address) {
        for (Extension key : address.getExtensionsByUrl(FhirSystems.ADDRESS_KEY_EXTENSION)) {
            Extension type = key.getExtensionByUrl("type");
            Extension value = key.getExtensionByUrl("value");
            if (type != null && isUprnType(type.getValue()) && value != null
                    && value.getValue() instanceof StringType digits
                    && digits.getValue() != null && digits.getValue().matches("\\d{1,12}")) {
                return digits.getValue();
            }
        }
        return null;
    }

    private static boolean isUprnType(Type type) {
        if (type instanceof Coding coding) {
            return FhirSystems.UPRN_TYPE.equals(coding.getCode());
        }
        if (type instanceof CodeableConcept concept) {
            return concept.getCoding().stream().anyMatch(c -> FhirSystems.UPRN_TYPE.equals(c.getCode()));
        }
        return false;
    }
}
