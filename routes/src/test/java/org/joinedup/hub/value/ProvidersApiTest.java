package org.joinedup.hub.value;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The provider directory over HTTP: every payee on current plan lines with what people buy from them, budget
 * holders' ratings (one per person per provider a year, changed only by its author), and the CQC's ratings a council
 * imports.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class ProvidersApiTest {

    @Inject
    HubConfig config;

    @Test
    void aProviderOnAPlanIsListedWithWhatWasBoughtItsRatingsAndItsCqcRating() {
        String provider = "Moorside Support " + UUID.randomUUID().toString().substring(0, 8);
        List<String> people = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) { // five: fewer are not shown
            people.add(OutcomeReviewsApiTest.personOf(OutcomeReviewsApiTest.planOfANewPerson(i % 2 == 0 ? provider
                    : provider.toUpperCase().replace(" ", "  "))));
        }
        rate(people.get(0), "  " + provider.toLowerCase() + " ", 5, "They turn up on time and know me.",
                "coordinator").statusCode(201);
        rate(people.get(1), provider, 4, "Good, but the carers change a lot.", "coordinator").statusCode(201);
        JsonPath imported = given().auth().oauth2(DemoTokens.of("council")).contentType("text/csv").body("""
                name,location_id,rating,rated_on
                %s,1-123456789,Requires improvement,14/03/2026
                Nowhere Care,1-2,Brilliant,2026-01-01
                """.formatted(provider)).post("/api/providers/cqc-ratings").then().statusCode(201).extract()
                .jsonPath();
        assertEquals(1, imported.getInt("rows"));
        assertEquals("rating", imported.getString("problems[0].column"));
        assertEquals(3, imported.getInt("problems[0].line"));

        Map<String, Object> listed = provider(provider);
        assertEquals(5, ((Number) listed.get("people")).intValue(), "five people, however the line spells it");
        assertEquals(2, ((Number) listed.get("ratings")).intValue());
        assertEquals("4.5", listed.get("averageStars"));
        assertEquals(List.of(), listed.get("said"), "the words of fewer than five are not shown");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bought = (List<Map<String, Object>>) listed.get("bought");
        assertEquals("COMMUNITY_ACTIVITY", bought.get(0).get("category"));
        assertEquals(5 * 52 * 3_000L, ((Number) bought.get(0).get("annualPence")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> cqc = (Map<String, Object>) listed.get("cqc");
        assertEquals("Requires improvement", cqc.get("rating"));
        assertEquals("2026-03-14", cqc.get("ratedOn"));

        // the same on the coordinator's screen
        try (org.joinedup.hub.support.Browser browser = org.joinedup.hub.support.Browser.open("http://localhost:"
                + io.restassured.RestAssured.port)) {
            browser.signIn("Sam Patel").follow("Providers");
            assertEquals("Providers", browser.heading());
            List<String> row = browser.rows(org.openqa.selenium.By.id("providers")).stream()
                    .filter(r -> r.get(0).equalsIgnoreCase(provider)).findFirst().orElseThrow();
            assertEquals("5 people: Community activity £7,800.00 a year", row.get(1).replace(" ;", ";"));
            assertEquals("4.5 out of 5 (2 ratings)", row.get(2));
            assertEquals("Requires improvement (14 March 2026)", row.get(3));
            browser.accessible("the provider directory").screenshot("providers");
        }
    }

    /** Ratings belong to CQC locations: an older file does not undo a newer rating; a provider shows its latest. */
    @Test
    void aCqcRatingIsKeptPerLocationAndTheDirectoryShowsTheLatest() {
        String provider = "Hollins Care " + UUID.randomUUID().toString().substring(0, 8);
        OutcomeReviewsApiTest.planOfANewPerson(provider);
        String location = "1-" + Math.abs(provider.hashCode());
        importCqc(provider + "," + location + ",Good,2026-05-01\n", 1);
        importCqc(provider + "," + location + ",Inadequate,2025-01-01\n", 0); // an old file sent again
        assertEquals("Good", ((Map<?, ?>) provider(provider).get("cqc")).get("rating"));
        importCqc(provider + "," + location + "-2,Outstanding,2026-09-30\n", 1); // its other location, later
        Map<?, ?> cqc = (Map<?, ?>) provider(provider).get("cqc");
        assertEquals("Outstanding", cqc.get("rating"));
        assertEquals(location + "-2", cqc.get("locationId"));
    }

    private static void importCqc(String rows, int kept) {
        given().auth().oauth2(DemoTokens.of("council")).contentType("text/csv").body("name,location_id,rating,rated_on\n"
                + rows).post("/api/providers/cqc-ratings").then().statusCode(201)
                .body("kept", org.hamcrest.Matchers.is(kept));
    }

    @Test
    void whatFewerThanFivePeopleBuyIsNotShown() {
        String provider = "Jo Ramsbottom PA " + UUID.randomUUID().toString().substring(0, 8);
        OutcomeReviewsApiTest.planOfANewPerson(provider);
        Map<String, Object> listed = provider(provider);
        assertNull(listed.get("people"), "one person: not a count anyone may see");
        assertEquals(List.of(), listed.get("bought"), "nor what they buy from their personal assistant");
    }

    @Test
    void aRatingIsOnePerPersonPerProviderAYearAndOnlyItsAuthorChangesIt() {
        String provider = "Hollinwood PA " + UUID.randomUUID().toString().substring(0, 8);
        String person = OutcomeReviewsApiTest.personOf(OutcomeReviewsApiTest.planOfANewPerson(provider));
        rate(person, provider, 2, "Late twice.", "coordinator").statusCode(201);
        rate(person, provider, 3, "Better since we talked.", "coordinator").statusCode(200)
                .body("changed", org.hamcrest.Matchers.is(true));
        String colleague = DemoTokens.signed(config, "coordinator-two", "E08000004", Caller.COORDINATOR);
        given().auth().oauth2(colleague).contentType("application/json")
                .body(Map.of("provider", provider, "stars", 1, "words", "Not good."))
                .put("/api/people/" + person + "/provider-rating").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("only its author"));
        Map<String, Object> listed = provider(provider);
        assertEquals(1, ((Number) listed.get("ratings")).intValue(), "one rating, changed once");
        assertEquals("3.0", listed.get("averageStars"));
        assertNull(listed.get("cqc"));

        JsonPath refused = rate(person, "Someone Else Ltd", 9, "", "coordinator").statusCode(422).extract()
                .jsonPath();
        List<String> fields = refused.getList("problems.path");
        assertTrue(fields.contains("stars") && fields.contains("words"), refused.prettify());
        rate(person, "Someone Else Ltd", 4, "Fine.", "coordinator").statusCode(422)
                .body("problems[0].reason", org.hamcrest.Matchers.containsString("not named on the person's"));
        given().auth().oauth2(DemoTokens.of("trust")).contentType("text/csv").body("name,location_id,rating,rated_on\n")
                .post("/api/providers/cqc-ratings").then().statusCode(403);
    }

    /**
     * The person moves an approved line to another provider once the notice they gave has run: the new version's line
     * keeps its approval and its money (nothing released or committed again); before the notice has run, it is refused.
     */
    @Test
    void aLineMovesToAnotherProviderAfterTheNoticeKeepingItsMoneyAndApproval() {
        String plan = OutcomeReviewsApiTest.planOfANewPerson("Werneth Allotments");
        String person = OutcomeReviewsApiTest.personOf(plan);
        given().auth().oauth2(DemoTokens.of("council")).contentType("application/json").body("{}")
                .post("/api/plans/" + plan + "/lines/1/approve").then().statusCode(200);
        JsonPath before = budget(person);

        JsonPath early = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("provider", "Chadderton Growers", "connectedPerson", false, "noticeGivenOn",
                        java.time.LocalDate.now().minusDays(3).toString())).post("/api/plans/" + plan + "/lines/1/switch").then().statusCode(422).extract()
                .jsonPath();
        assertEquals("noticeGivenOn", early.getString("problems[0].path"));
        assertTrue(early.getString("problems[0].reason").contains("28 days"), early.prettify());

        JsonPath revised = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("provider", "Chadderton Growers", "connectedPerson", false, "noticeGivenOn",
                        java.time.LocalDate.now().minusDays(28).toString())).post("/api/plans/" + plan + "/lines/1/switch").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(2, revised.getInt("version"));
        assertEquals("Chadderton Growers", revised.getString("lines[0].payee"));
        assertEquals("APPROVED", revised.getString("lines[0].status"), "its approval kept");
        assertEquals("PROVIDER_SWITCHED", revised.getString("lines[0].change"));
        JsonPath after = budget(person);
        assertEquals(before.getLong("totals.committedPence"), after.getLong("totals.committedPence"),
                "its money kept: nothing released and committed again");
        assertEquals(before.getLong("totals.availablePence"), after.getLong("totals.availablePence"));
        assertEquals(before.getList("postings").size(), after.getList("postings").size(),
                "no posting: the commitment stands as it was");
        // the old plan is history: switching on it again is refused
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("provider", "Someone Else", "connectedPerson", false, "noticeGivenOn", "2026-01-01"))
                .post("/api/plans/" + plan + "/lines/1/switch").then().statusCode(409);
        // to a family member: paying family is the funder's decision each time, so the line goes back to it
        JsonPath toFamily = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("provider", "Ann Shaw, her daughter", "connectedPerson", true, "noticeGivenOn",
                        java.time.LocalDate.now().minusDays(30).toString()))
                .post("/api/plans/" + revised.getString("id") + "/lines/1/switch").then().statusCode(201).extract()
                .jsonPath();
        assertEquals("PROPOSED", toFamily.getString("lines[0].status"));
        assertEquals("CHANGED", toFamily.getString("lines[0].change"));
        assertEquals(false, toFamily.getBoolean("lines[0].exceptionAgreed"));
    }

    private static JsonPath budget(String person) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person + "/budget").then()
                .statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse rate(String person, String provider, int stars,
            String words, String user) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType("application/json")
                .body(Map.of("provider", provider, "stars", stars, "words", words))
                .put("/api/people/" + person + "/provider-rating").then();
    }

    private static Map<String, Object> provider(String name) {
        List<Map<String, Object>> all = given().auth().oauth2(DemoTokens.of("council")).get("/api/providers").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(p -> name.equalsIgnoreCase(String.valueOf(p.get("name")))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the directory"));
    }
}
