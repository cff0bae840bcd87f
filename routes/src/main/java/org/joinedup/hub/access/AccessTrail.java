package org.joinedup.hub.access;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one request is and whether it passed the access decision. Filled in as the request arrives (a JAX-RS filter,
 * the FHIR interceptor); {@link Access} marks it decided; on the way out an answer from an endpoint that never asked
 * is stopped ({@link AccessEnforcementFilter}, {@link FhirAccessInterceptor}).
 */
@RequestScoped
public class AccessTrail {

    private String endpoint = "(no HTTP request)";
    private String clientAddress;
    private String purposeHeader;
    private boolean decided;
    private String breakGlassNotice;

    public void arrived(String method, String pathAndQuery, String clientAddress, String purposeHeader) {
        this.endpoint = method + " " + pathAndQuery;
        this.clientAddress = clientAddress;
        this.purposeHeader = purposeHeader;
    }

    public String endpoint() {
        return endpoint;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String purposeHeader() {
        return purposeHeader;
    }

    void decided() {
        decided = true;
    }

    public boolean wasDecided() {
        return decided;
    }

    void breakGlassUsed(String notice) {
        breakGlassNotice = notice;
    }

    /** What the answer must say when break-glass allowed it, or null. */
    public String breakGlassNotice() {
        return breakGlassNotice;
    }
}
