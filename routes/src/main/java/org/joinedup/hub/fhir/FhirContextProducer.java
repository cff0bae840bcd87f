package org.joinedup.hub.fhir;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ca.uhn.fhir.context.FhirContext;

/**
 * The application's one FHIR R4 context: costly to build, safe to share. Its parsers are strict: an element of the
 * wrong type, an unknown element or an invalid value is refused (HAPI's default would drop it with a warning and
 * carry on with what is left).
 */
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new LocatedStrictErrorHandler());
        return context;
    }
}
