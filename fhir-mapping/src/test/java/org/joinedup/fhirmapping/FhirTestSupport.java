package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/**
 * What the mapper tests share: one R4 {@link FhirContext} (building one costs time, and the application has one
 * too) and one HAPI validator, built on first use (about six seconds) and reused by every test class in the run.
 */
final class FhirTestSupport {

    static final FhirContext R4 = FhirContext.forR4();

    private static FhirValidator validator;

    private FhirTestSupport() {
    }

    static String prettyJson(IBaseResource resource) {
        return R4.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    static synchronized FhirValidator validator() {
        if (validator == null) {
            ValidationSupportChain support = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(R4),
                    new InMemoryTerminologyServerValidationSupport(R4),
                    new CommonCodeSystemsTerminologyService(R4));
            FhirValidator built = R4.newValidator();
            built.registerValidatorModule(new FhirInstanceValidator(support));
            validator = built;
        }
        return validator;
    }

    /**
     * Validates against base FHIR R4, prints every message (the UK Core and hub extensions and code systems are
     * unknown to the validator, so warnings about them are expected) and fails on any error.
     */
    static void assertValidFhir(String label, IBaseResource resource) {
        ValidationResult result = validator().validateWithResult(resource);
        for (SingleValidationMessage message : result.getMessages()) {
            System.out.println("[validator] " + label + ": " + message.getSeverity() + " "
                    + message.getLocationString() + ": " + message.getMessage());
        }
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
        assertEquals(List.of(), errors, label + " is not valid FHIR R4");
    }
}
