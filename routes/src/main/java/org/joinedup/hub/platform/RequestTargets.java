package org.joinedup.hub.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Request targets as clients write them. The FHIR specification writes searches as {@code identifier=system|value}
 * and many clients send the {@code |} (and {@code {}}, {@code "}, spaces) unencoded; Quarkus's own check, which
 * answers such a request with an empty {@code 400}, is turned off ({@code vertx.disableURIValidation}, set by
 * {@link RequestTargetCheck}) and this is the check instead: the characters an address may not hold as they
 * are are percent-encoded, as the client should have, and the request goes on; an address still not one (a
 * {@code %} not followed by two hexadecimal digits) is answered {@code 400} with the reason, as an
 * {@code OperationOutcome} under {@code /fhir}, as the JSON API's error elsewhere.
 */
@ApplicationScoped
public class RequestTargets {

    /** What is set so that Quarkus leaves the check to this class. */
    public static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String target = context.request().uri();
        if (valid(target)) {
            context.next();
            return;
        }
        String encoded = encoded(target);
        if (valid(encoded)) {
            context.reroute(context.request().method(), encoded);
            return;
        }
        String reason = "the request's address is not a valid URI: a % must be followed by two hexadecimal digits"
                + " (%25 for a % itself)";
        boolean fhir = context.request().path() != null && context.request().path().startsWith("/fhir");
        JsonObject body = fhir
                ? new JsonObject().put("resourceType", "OperationOutcome").put("issue", new JsonArray().add(
                        new JsonObject().put("severity", "error").put("code", "invalid").put("diagnostics", reason)))
                : new JsonObject().put("error", reason);
        context.response().setStatusCode(400)
                .putHeader("Content-Type", fhir ? "application/fhir+json;charset=utf-8" : "application/json")
                .end(body.encode());
    }

    static boolean valid(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Every character an address may not hold as it is (not a %: those say what they encode), percent-encoded. */
    static String encoded(String target) {
        StringBuilder out = new StringBuilder(target.length() + 16);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < target.length() ? i + 2 : i + 1;
            for (byte b : target.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out.toString();
    }
}
