package org.joinedup.hub.demo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.joinedup.hub.support.DemoFamilyProfile;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The demo as the README's first command starts it: the family and the council's cohort of twelve people who moved
 * from traditional services to a personal budget, all through the real endpoints. The value report then shows
 * costs before and after and the outcomes at review, and loading the cohort again changes nothing.
 */
@QuarkusTest
@TestProfile(DemoCohortTest.WithCohort.class)
@QuarkusTestResource(HubTestResource.class)
class DemoCohortTest {

    /** The demo family's profile with the cohort too. */
    public static class WithCohort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new DemoFamilyProfile().getConfigOverrides());
            config.put("hub.demo.cohort", "true");
            return config;
        }
    }

    @Test
    void theValueReportShowsTheCohortsCostsBeforeAndAfterAndWhatTheySaidAtReview() throws Exception {
        JsonPath report = Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/value").then()
                        .statusCode(200).extract().jsonPath(), r -> r.getInt("all.people") == 12
                                && quality(r, "better") == 12);
        // before: the twelve traditional packages a week, £4,145.00 in all, x 52, over 12, to the penny half up
        assertEquals(1_796_167L, report.getLong("all.traditionalAveragePence"));
        assertEquals(8, report.getInt("all.less"), "the dearer packages cost less as budgets");
        assertEquals(4, report.getInt("all.more"), "the cheaper ones a little more");
        assertEquals(3, report.getInt("all.leftOut"), "Dave, Sam and Kayleigh have no personal budget figures yet");
        assertEquals(10, aspect(report, "economic-wellbeing", "better"));
        assertEquals(2, aspect(report, "economic-wellbeing", "same"));
        assertEquals(83, report.getInt("outcomes.find { it.aspect == 'economic-wellbeing' }.betterPercent"));
        assertEquals(1, aspect(report, "health-and-wellbeing", "worse"));

        JsonPath equity = given().auth().oauth2(DemoTokens.of("council"))
                .get("/api/reports/equity/groups?council=E08000004").then().statusCode(200).extract().jsonPath();
        assertEquals(6, equity.getInt("groups.find { it.kind == 'ethnicity' && it.group == 'White British' }"
                + ".after.people"));
        assertEquals(50, equity.getInt("groups.find { it.kind == 'ethnicity' && it.group == 'White British' }"
                + ".after.percent"), "6 of the 12 with a personal budget");
        assertEquals(true, equity.getBoolean("groups.find { it.kind == 'ethnicity' && it.group == 'Pakistani' }"
                + ".after.few"), "2 people: a group too small to give");

        // a later start loads it again: nothing is planned, reviewed or counted twice
        String margaret = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber="
                + DemoCohort.nhsNumber(0)).then().extract().jsonPath().getString("[0].id");
        int postings = postings(margaret);
        String base = "http://localhost:" + RestAssured.port;
        DemoCohort.load(base, DemoTokens.of("council"), DemoTokens.of("coordinator"));
        JsonPath again = given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/value").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(report.getMap("all"), again.getMap("all"));
        assertEquals(12, quality(again, "better"), "one review each still");
        assertEquals(postings, postings(margaret), "no second plan, nothing committed again");
        assertTrue(postings > 1, "her allocation and her plan's commitment");
    }

    private static int postings(String person) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person + "/budget").then()
                .statusCode(200).extract().jsonPath().getList("postings").size();
    }

    private static int quality(JsonPath report, String change) {
        return aspect(report, "quality-of-life", change);
    }

    private static int aspect(JsonPath report, String aspect, String change) {
        return report.getInt("outcomes.find { it.aspect == '" + aspect + "' }." + change);
    }
}
