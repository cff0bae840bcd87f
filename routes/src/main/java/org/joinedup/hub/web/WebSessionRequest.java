package org.joinedup.hub.web;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The session cookie of a page request, to be turned into who is signed in. */
public class WebSessionRequest extends BaseAuthenticationRequest {

    private final String cookieValue;

    public WebSessionRequest(String cookieValue) {
        this.cookieValue = cookieValue;
    }

    public String cookieValue() {
        return cookieValue;
    }
}
