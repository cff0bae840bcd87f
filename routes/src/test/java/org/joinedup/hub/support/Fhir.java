package org.joinedup.hub.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.restassured.RestAssured;

/** A HAPI FHIR client against the running hub, as a trust's system would use one. */
public final class Fhir {

    public static final FhirContext CONTEXT = FhirContext.forR4();

    static {
        CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        CONTEXT.getRestfulClientFactory().setSocketTimeout(60_000);
    }

    private Fhir() {
    }

    public static String base() {
        return "http://localhost:" + RestAssured.port + "/fhir";
    }

    public static IGenericClient clientFor(String user) {
        IGenericClient client = CONTEXT.newRestfulGenericClient(base());
        client.registerInterceptor(new BearerTokenAuthInterceptor(DemoTokens.of(user)));
        return client;
    }

    public static IGenericClient anonymousClient() {
        return CONTEXT.newRestfulGenericClient(base());
    }
}
