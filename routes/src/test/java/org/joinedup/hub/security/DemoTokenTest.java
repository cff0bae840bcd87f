package org.joinedup.hub.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Base64;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** The demo users get real signed tokens, checked exactly as an identity provider's would be. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class DemoTokenTest {

    @Test
    void eachDemoUserGetsATokenNamingTheirOrganisation() {
        given().formParam("user", "trust2").post("/auth/demo-token").then().statusCode(200)
                .body("agency", equalTo("RM3"))
                .body("roles", hasItem("trust"))
                .body("token_type", equalTo("Bearer"));
        given().formParam("user", "coordinator").post("/auth/demo-token").then().statusCode(200)
                .body("agency", equalTo("E08000004"));
    }

    @Test
    void anUnknownDemoUserIsToldWhoExists() {
        given().formParam("user", "mallory").post("/auth/demo-token").then().statusCode(400)
                .body("error", containsString("coordinator"));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = DemoTokens.of("council").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("E08000004", "E09000001");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        given().auth().oauth2(forged).get("/api/inbound/messages").then().statusCode(401);
    }

    @Test
    void rolesLimitWhatACallerMaySee() {
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/inbound/messages").then().statusCode(403);
        given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/messages").then().statusCode(200);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/people/{id}"));
    }
}
