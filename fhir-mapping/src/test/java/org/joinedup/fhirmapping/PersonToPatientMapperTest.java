package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.PersonRecord;
import org.joinedup.model.PersonDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Hub people as the UK Core Patients a trust reads back: golden JSON under {@code src/test/resources/nhs/},
 * valid FHIR R4 by HAPI's validator, and readable by the hub's own Patient reader.
 */
class PersonToPatientMapperTest {

    private static final String OLDHAM_MOSAIC = "https://oldham.gov.uk/Id/mosaic-person";

    /** David Hughes as the hub knows him after RR8's push: verified NHS number, UPRN, and Oldham's own id. */
    static final PersonRecord DAVID = new PersonRecord(
            "5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f", "David", "Hughes", LocalDate.of(1979, 2, 14), "OL1 1XX",
            "422000103214",
            List.of(new IdentifierRecord(FhirSystems.NHS_NUMBER, "9434765919", true),
                    new IdentifierRecord(OLDHAM_MOSAIC, "MOS-448812", false)));

    /** Someone known only from a council referral: NHS number not yet traced, no birth date or address. */
    static final PersonRecord REFERRAL = new PersonRecord(
            "a7c3e9d1-8b2f-4f60-b5a4-0c9e8d7f6a5b", null, "Okafor", null, null, null,
            List.of(new IdentifierRecord(FhirSystems.NHS_NUMBER, "9000000009", false)));

    static final Map<String, PersonRecord> CASES = Map.of(
            "patient-verified-nhs-number-with-uprn", DAVID,
            "patient-unverified-nhs-number-family-name-only", REFERRAL);

    static final List<String> CASE_NAMES = CASES.keySet().stream().sorted().toList();

    private final PersonToPatientMapper mapper = new PersonToPatientMapper();

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASE_NAMES")
    void writesThePatientTheGoldenFileHolds(String name) {
        Patient patient = mapper.map(CASES.get(name));
        GoldenFiles.assertMatches("nhs/" + name + ".expected.json", FhirTestSupport.prettyJson(patient));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASE_NAMES")
    void writesValidFhir(String name) {
        FhirTestSupport.assertValidFhir(name, mapper.map(CASES.get(name)));
    }

    @Test
    void theNhsNumberCarriesItsVerificationStatusFromTheEnglandCodeSystem() {
        Identifier nhs = mapper.map(DAVID).getIdentifier().get(0);
        assertEquals(FhirSystems.NHS_NUMBER, nhs.getSystem());
        assertEquals("9434765919", nhs.getValue());
        assertTrue(PatientToPersonDetailsMapper.isVerified(nhs));

        Identifier untraced = mapper.map(REFERRAL).getIdentifier().get(0);
        assertFalse(PatientToPersonDetailsMapper.isVerified(untraced));
    }

    @Test
    void theHubsOwnIdIsAnIdentifierSoATrustCanSearchByIt() {
        Patient patient = mapper.map(DAVID);
        assertEquals("5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f", patient.getIdElement().getIdPart());
        assertTrue(patient.getIdentifier().stream().anyMatch(id -> FhirSystems.HUB_PERSON_ID.equals(id.getSystem())
                && "5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f".equals(id.getValue())));
    }

    @Test
    void whatTheHubWritesTheHubReadsBackAsTheSamePerson() {
        Patient written = FhirTestSupport.R4.newJsonParser().parseResource(Patient.class,
                FhirTestSupport.prettyJson(mapper.map(DAVID)));
        IssueCollector issues = new IssueCollector();
        PersonDetails read = new PatientToPersonDetailsMapper().map(written, "Patient", issues).orElseThrow();
        assertTrue(issues.isEmpty());
        assertEquals("9434765919", read.nhsNumber().value());
        assertTrue(read.nhsNumberVerified());
        assertEquals("David", read.givenName());
        assertEquals("Hughes", read.familyName());
        assertEquals(LocalDate.of(1979, 2, 14), read.birthDate());
        assertEquals("OL1 1XX", read.postcode());
        assertEquals("422000103214", read.uprn());
    }

    @Test
    void theUprnIsAUkCoreAddressKeyTypedFromItsCodeSystem() {
        Extension key = mapper.map(DAVID).getAddressFirstRep().getExtensionByUrl(FhirSystems.ADDRESS_KEY_EXTENSION);
        Coding type = (Coding) key.getExtensionByUrl("type").getValue();
        assertEquals("https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType", type.getSystem());
        assertEquals("UPRN", type.getCode());
        assertEquals("422000103214", key.getExtensionByUrl("value").getValueAsPrimitive().getValueAsString());
    }

    @Test
    void theAddressIsTheHomeAddress() {
        Address address = mapper.map(DAVID).getAddressFirstRep();
        assertEquals(Address.AddressUse.HOME, address.getUse());
        assertEquals("OL1 1XX", address.getPostalCode());
        assertTrue(mapper.map(REFERRAL).getAddress().isEmpty());
    }
}
