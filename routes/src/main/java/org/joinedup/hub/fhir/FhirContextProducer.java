package org.joinedup.hub.fhir;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ca.uhn.fhir.context.FhirContext;

/** The application's one FHIR R4 context: costly to build, safe to share. */
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
