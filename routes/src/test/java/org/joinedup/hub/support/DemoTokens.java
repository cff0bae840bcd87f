package org.joinedup.hub.support;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ConcurrentHashMap;

/** Tokens for the demo users, fetched from the hub's own token endpoint as a client would. */
public final class DemoTokens {

    private static final ConcurrentHashMap<String, String> TOKENS = new ConcurrentHashMap<>();

    private DemoTokens() {
    }

    public static String of(String user) {
        return TOKENS.computeIfAbsent(user, u -> given()
                .formParam("user", u)
                .when().post("/auth/demo-token")
                .then().statusCode(200)
                .extract().path("access_token"));
    }

    /** A token signed as the demo users' are, for a user the demo does not list ({@code agency} may be null). */
    public static String signed(org.joinedup.hub.platform.HubConfig config, String user, String agency, String role) {
        var claims = io.smallrye.jwt.build.Jwt.issuer(config.auth().demoIssuer()).upn(user).subject(user)
                .groups(java.util.Set.of(role));
        if (agency != null) {
            claims.claim(org.joinedup.hub.security.Caller.AGENCY_CLAIM, agency);
        }
        return claims.expiresIn(600).sign(org.joinedup.hub.security.DemoKeys.ensure(config.dataDir()
                .resolve("demo-keys")));
    }
}
