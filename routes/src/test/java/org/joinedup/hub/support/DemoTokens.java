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
}
