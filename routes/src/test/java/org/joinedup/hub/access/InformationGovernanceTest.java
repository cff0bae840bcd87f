package org.joinedup.hub.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.joinedup.hub.support.DemoFamily;
import org.joinedup.hub.support.DemoFamilyProfile;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo family on a hub of its own, read by each demo organisation through the JSON API: what the sharing
 * agreement, the organisation's relationship with Dave and his consent allow, and nothing else.
 */
@QuarkusTest
@TestProfile(DemoFamilyProfile.class)
@QuarkusTestResource(HubTestResource.class)
class InformationGovernanceTest {

    static final String DAVE_NHS = DemoFamily.DAVE_NHS;

    private String dave;

    @BeforeEach
    void theDemoFamilyHasArrived() {
        dave = DemoFamily.dave();
    }

    static Response read(String user, String personId) {
        return DemoFamily.read(user, personId);
    }

    private static Set<String> funders(JsonPath person) {
        return new TreeSet<>(person.getList("contributions.fundingBodyCode"));
    }

    @Test
    void hisCoordinatorSeesTheWholeJoinedUpRecord() {
        JsonPath person = read("coordinator", dave).then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("DWP", "E08000004", "OLDHAMHSG", "RM3", "RR8"), funders(person));
        assertEquals("Hughes", person.getString("familyName"));
        assertFalse(person.getList("tenancies").isEmpty());
        assertFalse(person.getList("benefits").isEmpty());
        assertTrue(person.getList("alerts.kind").contains("RENT_ARREARS"));
        assertEquals("PERMITTED", person.getString("access"));
    }

    private static boolean hasCouncilClientId(JsonPath person) {
        return person.getList("identifiers.system", String.class).stream()
                .anyMatch(system -> system.contains("council-client"));
    }

    @Test
    void aTrustSeesHealthAndSocialCareButNotHousingBenefitsOrEmploymentAndOnlyItsOwnMoney() {
        for (String trust : List.of("trust", "trust2")) {
            JsonPath person = read(trust, dave).then().statusCode(200).extract().jsonPath();
            assertEquals(Set.of(trust.equals("trust") ? "RR8" : "RM3"), funders(person),
                    trust + ": the pooled budget's money is finance, shared with a trust only with consent");
            assertTrue(hasCouncilClientId(person), trust + " sees that the council's social care is involved");
            assertTrue(person.getList("sharedCategories").containsAll(List.of("health", "social-care")));
            assertEquals("Hughes", person.getString("familyName"));
            assertTrue(person.getList("tenancies").isEmpty(), trust + " sees no tenancy or arrears");
            assertTrue(person.getList("benefits").isEmpty(), trust + " sees no benefits");
            assertFalse(person.getList("alerts.kind").contains("RENT_ARREARS"), trust);
            assertEquals("PARTLY", person.getString("access"));
        }
    }

    @Test
    void oldhamHousingSeesItsTenancyAndItsOwnGrantOnly() {
        JsonPath person = read("housing", dave).then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("OLDHAMHSG"), funders(person));
        assertEquals(List.of("T-100234"), person.getList("tenancies.tenancyRef"));
        assertTrue(person.getList("benefits").isEmpty());
        assertTrue(person.getList("alerts.kind").contains("RENT_ARREARS"));
    }

    @Test
    void dwpSeesTheBenefitsItSentAndItsOwnEmploymentSupportOnly() {
        JsonPath person = read("employment", dave).then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("DWP"), funders(person));
        assertFalse(person.getList("benefits").isEmpty(), "the benefits DWP itself sent");
        assertTrue(person.getList("tenancies").isEmpty());
    }

    @Test
    void aTrustWithNoRelationshipCannotFindHimAndGetsTheSameNotFoundAsForNobody() {
        Response unrelated = read("trust3", dave);
        Response nobody = read("trust3", "00000000-0000-0000-0000-000000000000");
        assertEquals(404, unrelated.statusCode());
        assertEquals(404, nobody.statusCode());
        assertEquals(nobody.jsonPath().getString("error").replace("00000000-0000-0000-0000-000000000000", "X"),
                unrelated.jsonPath().getString("error").replace(dave, "X"));
        assertEquals(List.of(), given().auth().oauth2(DemoTokens.of("trust3")).get("/api/people?nhsNumber="
                + DAVE_NHS).then().statusCode(200).extract().jsonPath().getList("$"));
        given().auth().oauth2(DemoTokens.of("trust3")).get("/api/people/" + dave + "/assessments").then()
                .statusCode(404);
        given().auth().oauth2(DemoTokens.of("trust3")).get("/fhir/Patient/" + dave).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of("trust3")).get("/fhir/Patient/" + dave + "/$everything").then()
                .statusCode(404);
        assertEquals(0, given().auth().oauth2(DemoTokens.of("trust3"))
                .get("/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|" + DAVE_NHS).then().statusCode(200)
                .extract().jsonPath().getInt("total"), "absent from searches");
    }

    @Test
    void aDenyConsentForRr8RemovesEveryOtherAgencysDataFromItsNextReadButNotItsOwnBudget() {
        String consent = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "deny", "organisations", List.of("RR8")))
                .post("/api/people/" + dave + "/consents").then().statusCode(201).extract().path("id");
        try {
            JsonPath person = read("trust", dave).then().statusCode(200).extract().jsonPath();
            assertEquals(Set.of("RR8"), funders(person), "its own budget");
            assertEquals("Hughes", person.getString("familyName"), "the demographics it sent itself");
            assertFalse(hasCouncilClientId(person), "no other agency's data");
            assertEquals(List.of("demographics"), person.getList("sharedCategories"));
            assertTrue(given().auth().oauth2(DemoTokens.of("trust")).get("/api/people/" + dave + "/assessments")
                    .then().statusCode(200).extract().jsonPath().getList("$").isEmpty(), "nor the assessment");
            assertTrue(hasCouncilClientId(read("trust2", dave).then().extract().jsonPath()),
                    "RM3 is not named by the objection");
        } finally {
            given().auth().oauth2(DemoTokens.of("coordinator")).post("/api/people/" + dave + "/consents/" + consent
                    + "/withdraw").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("inactive"));
        }
        assertTrue(hasCouncilClientId(read("trust", dave).then().extract().jsonPath()),
                "withdrawn: the next read is as before");
    }

    @Test
    void consentWidensWhatTheAgreementSharesOnlyWithConsentAndExpires() {
        String until = java.time.Instant.now().plusSeconds(4).toString();
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "permit", "organisations", List.of("OLDHAMHSG"), "categories",
                        List.of("health", "finance"), "purposes", List.of("TREAT"), "end", until))
                .post("/api/people/" + dave + "/consents").then().statusCode(201);
        assertEquals(Set.of("OLDHAMHSG", "RM3", "RR8"), funders(read("housing", dave).then().extract().jsonPath()),
                "Dave agreed Oldham Housing may know about his NHS budgets");
        await().atMost(Duration.ofSeconds(15)).until(() -> funders(read("housing", dave).then().extract().jsonPath())
                .equals(Set.of("OLDHAMHSG")));
    }

    @Test
    void badDecisionsAreRefusedWithTheFieldNamed() {
        JsonPath refused = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "permit", "organisations", List.of("NOSUCHORG"), "categories",
                        List.of("wealth"), "purposes", List.of("MARKETING"), "start", "2026-12-01T00:00:00Z",
                        "end", "2026-11-01T00:00:00Z", "decidedBy", "Sam Hughes", "authority", "PARENT"))
                .post("/api/people/" + dave + "/consents").then().statusCode(422).extract().jsonPath();
        List<String> paths = refused.getList("problems.path");
        assertEquals(List.of("organisations[0]", "purposes[0]", "categories[0]", "period.end", "decidedBy.authority"),
                paths);
        assertTrue(refused.getString("problems.find { it.path == 'decidedBy.authority' }.reason")
                .contains("a parent decides for a child under 16"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "deny", "decidedBy", "Sam Hughes"))
                .post("/api/people/" + dave + "/consents").then().statusCode(422)
                .body("problems[0].path", org.hamcrest.Matchers.equalTo("decidedBy.authority"));
    }

    @Test
    void anOrganisationDoesNotRecordConsentForItself() {
        Map<String, Object> permitForRr8 = Map.of("provision", "permit", "organisations", List.of("RR8"),
                "categories", List.of("housing"));
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body(permitForRr8)
                .post("/api/people/" + dave + "/consents").then().statusCode(403)
                .body("error", org.hamcrest.Matchers.containsString("recorded by the family's coordinator"));
        assertTrue(read("trust", dave).then().extract().jsonPath().getList("tenancies").isEmpty());
        String consent = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(permitForRr8).post("/api/people/" + dave + "/consents").then().statusCode(201).extract()
                .path("id");
        try {
            assertEquals(List.of("T-100234"), read("trust", dave).then().extract().jsonPath()
                    .getList("tenancies.tenancyRef"), "recorded with the family by their coordinator, it counts");
        } finally {
            given().auth().oauth2(DemoTokens.of("coordinator")).post("/api/people/" + dave + "/consents/" + consent
                    + "/withdraw").then().statusCode(200);
        }
    }

    @Test
    void aParentDecidesForTheirChild() {
        String kayleigh = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + DemoFamily.KAYLEIGH_NHS)
                .then().statusCode(200).extract().jsonPath().getString("[0].id");
        JsonPath recorded = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "deny", "recipients", List.of("housing"), "categories", List.of("health"),
                        "decidedBy", "Sam Hughes", "authority", "PARENT"))
                .post("/api/people/" + kayleigh + "/consents").then().statusCode(201).extract().jsonPath();
        assertEquals("Sam Hughes", recorded.getString("decidedBy"));
        assertEquals("PARENT", recorded.getString("authority"));
        assertEquals(List.of("housing"), recorded.getList("recipients"));
    }

    @Test
    void eachReadAppearsInWhoLookedAtHisRecord() {
        for (String user : List.of("trust", "trust2", "housing", "employment")) {
            read(user, dave).then().statusCode(200);
        }
        List<Map<String, Object>> log = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + dave + "/access-log").then().statusCode(200).extract().jsonPath().getList("$");
        Set<String> organisations = new TreeSet<>();
        log.stream().filter(e -> ("Person/" + dave).equals(e.get("what")))
                .forEach(e -> organisations.add((String) e.get("organisation")));
        assertTrue(organisations.containsAll(Set.of("RR8", "RM3", "OLDHAMHSG", "DWP", "E08000004")),
                organisations.toString());
        Map<String, Object> housing = log.stream().filter(e -> "OLDHAMHSG".equals(e.get("organisation"))).findFirst()
                .orElseThrow();
        assertEquals("Oldham Housing", housing.get("organisationName"));
        assertEquals("direct-support", housing.get("purpose"));
        assertEquals("housing", housing.get("user"));
        assertFalse(log.stream().anyMatch(e -> "RW6".equals(e.get("organisation"))), "denied attempts are not reads");
        given().auth().oauth2(DemoTokens.of("trust")).get("/api/people/" + dave + "/access-log").then()
                .statusCode(403);
    }

    @Test
    void breakGlassOpensTheWholeRecordForALimitedTimeSaysSoAndIsReviewed() {
        given().auth().oauth2(DemoTokens.of("trust3")).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/people/" + dave + "/break-glass").then().statusCode(422);
        read("trust3", dave).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of("trust3")).contentType(ContentType.JSON)
                .body(Map.of("reason", "brought into A&E unconscious; medication history needed"))
                .post("/api/people/" + dave + "/break-glass").then().statusCode(201);

        Response opened = read("trust3", dave);
        assertEquals(200, opened.statusCode());
        assertEquals("BREAK_GLASS", opened.jsonPath().getString("access"));
        assertNotNull(opened.header("JoinedUp-Break-Glass"));
        assertEquals(Set.of("DWP", "E08000004", "OLDHAMHSG", "RM3", "RR8"), funders(opened.jsonPath()));
        assertTrue(read("coordinator", dave).then().extract().jsonPath().getList("alerts.kind").contains("BREAK_GLASS"),
                "his coordinator is told");
        List<Map<String, Object>> uses = given().auth().oauth2(DemoTokens.of("operator")).get("/api/audit/break-glass")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(uses.stream().anyMatch(u -> "RW6".equals(u.get("organisation"))), uses.toString());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> read("trust3", dave).statusCode() == 404);
        assertNull(read("trust3", dave).header("JoinedUp-Break-Glass"));
    }

    @Test
    void anOptedOutPersonIsLeftOutOfThePlanningReportButNotOutOfTheirOwnCase() {
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", org.joinedup.hub.support.AssessmentAnswers.daves(), "identifier",
                        "opt-out-test")).post("/api/people/" + dave + "/assessments").then().statusCode(
                                org.hamcrest.Matchers.oneOf(200, 201));
        String caseId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + DAVE_NHS)
                .then().extract().jsonPath().getString("[0].caseId");
        assertTrue(equityPeople().contains(dave), "assessed and known to the council: in the report");
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("optedOut", true)).put("/api/people/" + dave + "/national-opt-out").then().statusCode(200);
        try {
            assertFalse(equityPeople().contains(dave), "the national data opt-out: left out of planning");
            assertEquals(List.of(dave), given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId)
                    .then().statusCode(200).extract().jsonPath().getList("members.findAll { it.lead }.personId"),
                    "his own care is unaffected");
            assertFalse(given().auth().oauth2(DemoTokens.of("council")).header("X-Purpose", "direct-support")
                    .get("/api/reports/equity?council=E08000004").then().statusCode(200).extract().jsonPath()
                    .getList("points.personId").contains(dave), "an aggregate report whatever purpose is claimed");
        } finally {
            given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                    .body(Map.of("optedOut", false)).put("/api/people/" + dave + "/national-opt-out").then()
                    .statusCode(200);
        }
    }

    @Test
    void theHealthPartsOfTheAssessmentAreHealthData() {
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", org.joinedup.hub.support.AssessmentAnswers.daves(), "identifier",
                        "health-parts-test")).post("/api/people/" + dave + "/assessments").then().statusCode(
                                org.hamcrest.Matchers.oneOf(200, 201));
        assertTrue(given().auth().oauth2(DemoTokens.of("housing")).get("/api/people/" + dave + "/assessments").then()
                .statusCode(200).extract().jsonPath().getList("$").isEmpty(), "the assessment needs Dave's consent");
        String consent = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("provision", "permit", "organisations", List.of("OLDHAMHSG"), "categories",
                        List.of("assessment"))).post("/api/people/" + dave + "/consents").then().statusCode(201)
                .extract().path("id");
        try {
            Map<String, Object> housing = given().auth().oauth2(DemoTokens.of("housing"))
                    .get("/api/people/" + dave + "/assessments").then().statusCode(200).extract().jsonPath()
                    .getMap("[0].pointsByDomain");
            assertTrue(housing.containsKey("home") && housing.containsKey("personal-care"), housing.toString());
            assertFalse(housing.containsKey("health") || housing.containsKey("mental-wellbeing"),
                    "assessment shared, health not: " + housing);
            assertTrue(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + dave + "/assessments")
                    .then().extract().jsonPath().getMap("[0].pointsByDomain").containsKey("health"));
        } finally {
            given().auth().oauth2(DemoTokens.of("coordinator")).post("/api/people/" + dave + "/consents/" + consent
                    + "/withdraw").then().statusCode(200);
        }
    }

    private static List<String> equityPeople() {
        String report = given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/equity?council=E08000004")
                .then().statusCode(200).extract().asString();
        assertFalse(report.contains("Hughes"), "a planning report names no one");
        return JsonPath.from(report).getList("points.personId");
    }

    @Test
    void theAuditChainVerifies() {
        read("trust", dave).then().statusCode(200);
        JsonPath verified = given().auth().oauth2(DemoTokens.of("guardian")).get("/api/audit/verify").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(verified.getBoolean("intact"), verified.prettify());
        assertTrue(verified.getLong("entries") > 0);
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/audit/verify").then().statusCode(403);
    }
}
