package org.joinedup.hub.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** An endpoint that answers without the access decision has its answer withheld. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class AccessEnforcementTest {

    @Test
    void anEndpointThatBypassesTheAccessDecisionAnswers500AndNoData() {
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/test-only/bypass").then().statusCode(500)
                .body(containsString("did not pass the access decision"))
                .body(not(containsString("62500")));
    }

    @Test
    void anUnknownPurposeIsRefusedWithTheHeaderNamed() {
        given().auth().oauth2(DemoTokens.of("coordinator")).header("X-Purpose", "marketing")
                .get("/api/cases?coordinator=coordinator").then().statusCode(400)
                .body("error", containsString("X-Purpose: 'marketing' is not a purpose"));
    }
}
