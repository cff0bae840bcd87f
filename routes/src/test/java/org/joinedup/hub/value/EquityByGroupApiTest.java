package org.joinedup.hub.value;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Equality monitoring recorded with the person and the equity report by group over HTTP: who is supported before
 * and after personal budgets, by ethnicity, age band and disability, against the council's population table; the
 * opted-out left out; the report a council's own.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class EquityByGroupApiTest {

    @Test
    void aPersonsGroupsCountOnceTheyHaveAPersonalBudgetAndTheOptedOutAreLeftOut() {
        String counted = OutcomeReviewsApiTest.personOf(OutcomeReviewsApiTest.planOfANewPerson());
        String optedOut = OutcomeReviewsApiTest.personOf(OutcomeReviewsApiTest.planOfANewPerson());
        String group = "Group " + UUID.randomUUID();
        String hidden = "Group " + UUID.randomUUID();
        JsonPath recorded = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("ethnicity", " " + group + " ", "disability", "yes"))
                .put("/api/people/" + counted + "/equality").then().statusCode(200).extract().jsonPath();
        assertEquals(group, recorded.getString("ethnicity"));
        assertEquals("YES", recorded.getString("disability"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("ethnicity", hidden, "disability", "NO")).put("/api/people/" + optedOut + "/equality")
                .then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("optedOut", true)).put("/api/people/" + optedOut + "/national-opt-out").then()
                .statusCode(200);

        JsonPath report = given().auth().oauth2(DemoTokens.of("council"))
                .get("/api/reports/equity/groups?council=E08000004").then().statusCode(200).extract().jsonPath();
        Map<String, Object> mine = row(report, "ethnicity", group);
        assertTrue(mine != null, "the group recorded for the person with a plan: " + report.prettify());
        assertEquals(true, ((Map<?, ?>) mine.get("after")).get("few"), "one person with a plan: not counted out");
        assertNull(((Map<?, ?>) mine.get("after")).get("people"));
        assertEquals(0, ((Map<?, ?>) mine.get("before")).get("people"), "no traditional service before");
        assertNull(mine.get("population"), "the population table does not have this group");
        assertNull(row(report, "ethnicity", hidden), "the person with the national data opt-out is left out");
        assertEquals(78, ((Map<?, ?>) row(report, "ethnicity", "White British").get("population")).get("percent"));
        assertEquals(19, ((Map<?, ?>) row(report, "disability", "Disabled").get("population")).get("percent"),
                "46,000 of 242,100");

        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + counted + "/equality").then()
                .statusCode(200).body("ethnicity", org.hamcrest.Matchers.is(group));
        given().auth().oauth2(DemoTokens.of("trust3")).get("/api/people/" + counted + "/equality").then()
                .statusCode(404);
    }

    @Test
    void equalityIsCheckedFieldByFieldAndTheReportIsTheCouncilsOwn() {
        String person = OutcomeReviewsApiTest.personOf(OutcomeReviewsApiTest.planOfANewPerson());
        JsonPath refused = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("ethnicity", "x".repeat(101), "disability", "MAYBE"))
                .put("/api/people/" + person + "/equality").then().statusCode(422).extract().jsonPath();
        List<String> fields = refused.getList("problems.path");
        assertTrue(fields.contains("ethnicity") && fields.contains("disability"), refused.prettify());
        assertNull(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person + "/equality")
                .then().statusCode(200).extract().jsonPath().getString("ethnicity"), "nothing kept");
        given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/equity/groups?council=E08000035").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of("trust")).get("/api/reports/equity/groups?council=E08000004").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of("operator")).get("/api/reports/equity/groups?council=E08000035").then()
                .statusCode(200).body("groups.findAll { it.population != null }.size()", org.hamcrest.Matchers.is(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(JsonPath report, String kind, String group) {
        List<Map<String, Object>> rows = report.getList("groups");
        return rows.stream().filter(r -> kind.equals(r.get("kind")) && group.equals(r.get("group"))).findFirst()
                .orElse(null);
    }
}
