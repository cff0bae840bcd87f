package org.joinedup.hub.value;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * A council's evaluation data in, the value report out, over HTTP. Expected figures are worked out by hand in the
 * comments from the rows of {@code src/test/resources/value/*.csv}.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class ValueReportApiTest {

    @Inject
    HubConfig config;

    @Test
    void aCouncilImportsItsOwnFiguresAndEachBadRowIsNamed() throws Exception {
        JsonPath imported = importAs("council", "evaluations.csv", 201);
        assertEquals(6, imported.getInt("rows"), "P1 to P6: missing figures are kept, as missing");
        assertEquals(List.of(Map.of("line", 8, "column", "traditional_cost", "reason", "'twelve' is not an amount in"
                + " pounds (for example £17,030, 17030 or 17,030.50; blank or N/A when there is no figure)"),
                Map.of("line", 9, "column", "council", "reason", "Leeds (E08000035) is not your council (E08000004):"
                        + " a council imports its own figures; an operator imports any council's")),
                imported.getList("problems"));

        JsonPath report = report("council", imported.getString("dataset"));
        // Oldham, P1, P2, P5, P6 with both: traditional 1,703,000 + 2,000,001 + 1,000,050 + 100,000 = 4,803,051,
        // / 4 = 1,200,762.75 -> 1,200,763; budgets 1,500,000 + 2,000,002 + 1,000,050 + 200,000 = 4,700,052 / 4 =
        // 1,175,013; P3 and P4 have one figure each: left out
        assertEquals(List.of("E08000004"), report.getList("councils.council"));
        assertEquals("Oldham", report.getString("councils[0].name"));
        assertEquals(4, report.getInt("all.people"));
        assertEquals(2, report.getInt("all.leftOut"));
        assertEquals(1_200_763L, report.getLong("all.traditionalAveragePence"));
        assertEquals(1_175_013L, report.getLong("all.personalBudgetAveragePence"));
        assertEquals(-25_750L, report.getLong("all.differencePence"));
        assertEquals(List.of(1, 2, 1), List.of(report.getInt("all.less"), report.getInt("all.more"),
                report.getInt("all.same")));
    }

    @Test
    void anOperatorsDataSetKeepsCouncilsTheRegisterDoesNotKnowAsWrittenAndAveragesOverEveryone() throws Exception {
        String dataset = importAs("operator", "evaluations-operator.csv", 201).getString("dataset");
        JsonPath report = report("operator", dataset);
        assertEquals(List.of("Ashfield District Council", "E08000035", "E08000004"), report.getList(
                "councils.council"));
        assertEquals(List.of(false, true, true), report.getList("councils.known"));
        // Oldham: (1,703,000 + 2,000,001) / 2 = 1,851,500.5 -> half up 1,851,501; (1,500,000 + 2,000,002) / 2
        Map<String, Object> oldham = report.getMap("councils[2]");
        assertEquals(2, oldham.get("people"));
        assertEquals(1, oldham.get("leftOut"));
        assertEquals(1_851_501, ((Number) oldham.get("traditionalAveragePence")).intValue());
        assertEquals(1_750_001, ((Number) oldham.get("personalBudgetAveragePence")).intValue());
        assertEquals(-101_500, ((Number) oldham.get("differencePence")).intValue());
        // Ashfield: P5 the same both ways; P4 has no personal budget figure
        assertEquals(List.of(1, 1, 0, 0, 1), List.of(report.getInt("councils[0].people"),
                report.getInt("councils[0].leftOut"), report.getInt("councils[0].less"),
                report.getInt("councils[0].more"), report.getInt("councils[0].same")));
        // all: 4,803,051 / 4 and 4,700,052 / 4 again, not the councils' averages averaged (983,850 and 983,350)
        assertEquals(1_200_763L, report.getLong("all.traditionalAveragePence"));
        assertEquals(1_175_013L, report.getLong("all.personalBudgetAveragePence"));
        assertEquals(List.of(Map.of("fromPence", -300_000, "toPence", -200_000, "people", 1),
                Map.of("fromPence", 0, "toPence", 100_000, "people", 2),
                Map.of("fromPence", 100_000, "toPence", 200_000, "people", 1)), report.getList("all.distribution"));

        String csv = given().auth().oauth2(DemoTokens.of("operator")).queryParam("dataset", dataset)
                .queryParam("format", "csv").get("/api/reports/value").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals("""
                council,name,known,people,left_out,traditional_average,personal_budget_average,difference,less,more,same\r
                Ashfield District Council,Ashfield District Council,false,1,1,10000.50,10000.50,0.00,0,0,1\r
                E08000035,Leeds,true,1,0,1000.00,2000.00,1000.00,0,1,0\r
                E08000004,Oldham,true,2,1,18515.01,17500.01,-1015.00,1,1,0\r
                all,all councils,,4,2,12007.63,11750.13,-257.50,1,2,1\r
                """, csv);
    }

    @Test
    void onlyCouncilsAndOperatorsImportAndADataSetIsReadOnlyByWhoeverImportedIt() throws Exception {
        importAs("coordinator", "evaluations.csv", 403);
        String dataset = importAs("operator", "evaluations-operator.csv", 201).getString("dataset");
        given().auth().oauth2(DemoTokens.of("council")).queryParam("dataset", dataset).get("/api/reports/value")
                .then().statusCode(404);
        given().auth().oauth2(DemoTokens.of("trust")).queryParam("dataset", dataset).get("/api/reports/value")
                .then().statusCode(403);
        given().auth().oauth2(DemoTokens.of("council")).contentType("text/csv").body("council,ref\nOldham,1\n")
                .post("/api/reports/value/evaluations").then().statusCode(400)
                .body("error", containsString("line 1: the header is council,ref"));
    }

    /**
     * Without a data set, the council's own people: their traditional package (the council's services, x 52) against
     * their personal budget for the year from the ledger. Other tests' people are in the report too, so this looks at
     * what one more person changes.
     */
    @Test
    void theHubsOwnPeopleCompareTheCouncilsServicesWithTheirBudgetForTheYear() {
        JsonPath before = own("council");
        personWithBothFigures();

        // before £420 a week x 52 = £21,840; after £30 a week x 52 = £1,560 committed: £20,280 less, in the band
        // from -£21,000 to -£20,000
        JsonPath after = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> own("council"), r -> r.getInt("all.people") > before.getInt("all.people"));
        assertEquals(before.getInt("all.people") + 1, after.getInt("all.people"));
        assertEquals(before.getInt("all.less") + 1, after.getInt("all.less"));
        assertEquals(band(before, -2_100_000) + 1, band(after, -2_100_000));
        assertEquals(List.of("E08000004"), after.getList("councils.council"), "the council's own people only");
        // an operator sees every council's people
        assertEquals(after.getInt("all.people"), own("operator").getInt("councils.find { it.council == 'E08000004'"
                + " }.people"));
    }

    /**
     * A person two councils know (Oldham's client, and Leeds's, with a service each) is one person in the report of
     * every council, with both councils' services before: not one row per council, each with the whole budget after.
     */
    @Test
    void aPersonTwoCouncilsKnowIsCountedOnce() {
        JsonPath before = own("operator");
        String nhs = personWithBothFigures();
        String leeds = token("leeds-officer", "E08000035", Caller.COUNCIL);
        String event = java.util.UUID.randomUUID().toString();
        given().auth().oauth2(leeds).contentType("application/json").body("""
                {"eventId": "%s", "type": "SERVICE_STARTED", "occurredAt": "2026-05-03T09:00:00Z", "council": "E08000035",
                 "client": {"clientId": "L-%s", "nhsNumber": "%s", "forename": "Val", "surname": "Report",
                            "dateOfBirth": "1960-02-03", "postcode": "OL9 6AA"},
                 "service": {"serviceId": "LS-%s", "kind": "DAY_CARE", "provider": "Leeds Day Centre",
                             "weeklyCostPence": 10000, "startDate": "2026-05-04"}}""".formatted(
                event, nhs, nhs, nhs)).post("/api/inbound/social-care/events").then()
                .statusCode(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("operator")).get("/api/inbound/messages?agency=SOCIAL_CARE&limit=1000").then()
                .extract().jsonPath().getList("findAll { it.agencyMessageId == '" + event + "' && it.status == 'APPLIED' }")
                .size() > 0);

        JsonPath after = own("operator");
        assertEquals(before.getInt("all.people") + 1, after.getInt("all.people"), "one more person, once");
        int perCouncil = after.getList("councils.people", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(after.getInt("all.people"), perCouncil, "each person under one council");
        // (£420 + £100) x 52 = £27,040 before, £1,560 after: £25,480 less, in the band from -£26,000 to -£25,000
        assertEquals(band(before, -2_600_000) + 1, band(after, -2_600_000));
    }

    /** A sign-in whose token names no organisation has no council's report to read. */
    @Test
    void aSignInWithoutAnOrganisationIsRefusedTheReport() {
        given().auth().oauth2(token("nobody-in-particular", null, Caller.COORDINATOR)).get("/api/reports/value").then()
                .statusCode(403).body(containsString("names no organisation"));
    }

    private String token(String user, String agency, String role) {
        return DemoTokens.signed(config, user, agency, role);
    }

    /** A council client with a £420 home care service and an approved plan line of £30 a week on the allocation. */
    private static String personWithBothFigures() {
        String nhs = org.joinedup.hub.support.BudgetBundles.newNhsNumber();
        String client = "{\"clientId\": \"V-" + nhs + "\", \"nhsNumber\": \"" + nhs + "\", \"forename\": \"Val\","
                + " \"surname\": \"Report\", \"dateOfBirth\": \"1960-02-03\", \"postcode\": \"OL9 6AA\"}";
        council("""
                {"eventId": "%s", "type": "SERVICE_STARTED", "occurredAt": "2026-05-01T09:00:00Z", "council": "E08000004",
                 "client": %s, "service": {"serviceId": "S-%s", "kind": "HOME_CARE", "provider": "Oldham Care Ltd",
                 "weeklyCostPence": 42000, "startDate": "2026-05-04"}}""".formatted(java.util.UUID.randomUUID(), client,
                nhs));
        council("""
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-05-02T09:00:00Z",
                 "council": "E08000004", "client": %s,
                 "allocation": {"allocationId": "A-%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": 500000,
                                "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(java.util.UUID.randomUUID(), client, nhs));
        String person = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given()
                .auth().oauth2(DemoTokens.of("coordinator")).queryParam("nhsNumber", nhs).get("/api/people").then()
                .statusCode(200).extract().jsonPath().getString("find { it.id != null }.id"), id -> id != null);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person).then().extract().jsonPath()
                .getList("contributions").size() == 1);
        String plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("personId", person, "whatMatters", "Getting out", "lines", List.of(Map.of("category",
                        "COMMUNITY_ACTIVITY", "description", "Allotment", "payee", "Oldham Allotments", "costKind",
                        "WEEKLY", "unitPence", 3_000, "units", 1, "management", "DIRECT_PAYMENT"))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(DemoTokens.of("council")).contentType("application/json").body("{}")
                .post("/api/plans/" + plan + "/lines/1/approve").then().statusCode(200);
        return nhs;
    }

    private static int band(JsonPath report, long fromPence) {
        Integer people = report.get("all.distribution.find { it.fromPence == " + fromPence + " }.people");
        return people == null ? 0 : people;
    }

    private static JsonPath own(String user) {
        return given().auth().oauth2(DemoTokens.of(user)).get("/api/reports/value").then().statusCode(200).extract()
                .jsonPath();
    }

    private static void council(String event) {
        given().auth().oauth2(DemoTokens.of("council")).contentType("application/json").body(event)
                .post("/api/inbound/social-care/events").then().statusCode(202);
    }

    @Test
    void theCouncilReadsItsValueReportAsAPage() {
        personWithBothFigures();
        try (org.joinedup.hub.support.Browser browser = org.joinedup.hub.support.Browser.open("http://localhost:"
                + io.restassured.RestAssured.port)) {
            browser.signIn("Ruth Ogunde").follow("Value report");
            assertEquals("Value report", browser.heading());
            List<List<String>> rows = browser.rows(org.openqa.selenium.By.id("value-table"));
            List<String> oldham = rows.stream().filter(r -> r.get(0).equals("Oldham")).findFirst().orElseThrow();
            List<String> everyone = rows.stream().filter(r -> r.get(0).equals("Everyone")).findFirst().orElseThrow();
            JsonPath api = own("council");
            assertEquals(List.of(String.valueOf(api.getInt("all.people")), String.valueOf(api.getInt("all.leftOut"))),
                    everyone.subList(1, 3));
            assertEquals(oldham.subList(1, 7), everyone.subList(1, 7), "one council: its row is everyone's");
            assertEquals(true, everyone.get(3).startsWith("£"), "in pounds: " + everyone);
            assertEquals(true, browser.text(org.openqa.selenium.By.id("distribution")).contains(
                    "-£21,000.00 to -£20,000.00"));
            assertEquals(true, browser.driver().findElement(org.openqa.selenium.By.id("distribution-chart"))
                    .getAttribute("innerHTML").contains("-£21,000.00 to -£20,000.00 people: 1 person"),
                    "the chart's bar for the band says how many people");
            int better = api.getInt("outcomes.find { it.aspect == 'quality-of-life' }.better");
            int reviewed = better + api.getInt("outcomes.find { it.aspect == 'quality-of-life' }.same")
                    + api.getInt("outcomes.find { it.aspect == 'quality-of-life' }.worse");
            if (reviewed == 0) {
                assertEquals("Nobody's plan has been reviewed yet.", browser.text(org.openqa.selenium.By.id(
                        "no-reviews")));
            } else { // the reviews other tests of this run recorded
                List<String> quality = browser.rows(org.openqa.selenium.By.id("outcomes-table")).stream()
                        .filter(r -> r.get(0).equals("Quality of life")).findFirst().orElseThrow();
                assertEquals(better + " (" + api.getInt("outcomes.find { it.aspect == 'quality-of-life' }"
                        + ".betterPercent") + "%)", quality.get(1));
            }
            // who is supported by group, as the equity API gives it for the council
            JsonPath equity = given().auth().oauth2(DemoTokens.of("council"))
                    .get("/api/reports/equity/groups?council=E08000004").then().statusCode(200).extract().jsonPath();
            List<String> white = browser.rows(org.openqa.selenium.By.id("equity-ethnicity")).stream()
                    .filter(r -> r.get(0).equals("White British")).findFirst().orElseThrow();
            assertEquals("78%", white.get(1), "White British are 78 % of Oldham's table");
            assertEquals(String.valueOf(equity.getInt("groups.find { it.kind == 'ethnicity' && it.group =="
                    + " 'White British' }.before.people")), white.get(2).replaceAll(" \\(.*", ""));
            assertEquals(7, browser.rows(org.openqa.selenium.By.id("equity-age-band")).size(), "every age band");
            browser.accessible("the value report").screenshot("value-report");
        }
    }

    private static JsonPath importAs(String user, String file, int status) throws Exception {
        String csv = Files.readString(Path.of("src/test/resources/value", file));
        return given().auth().oauth2(DemoTokens.of(user)).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/reports/value/evaluations").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath report(String user, String dataset) {
        return given().auth().oauth2(DemoTokens.of(user)).queryParam("dataset", dataset).get("/api/reports/value")
                .then().statusCode(200).extract().jsonPath();
    }
}
