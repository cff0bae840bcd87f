package org.joinedup.hub.cases;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** A family's joined-up case, formed from what the NHS, the council and the housing provider each sent. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class CasesTest {

    @ConfigProperty(name = "hub.housing.inbox")
    Path inbox;

    @Test
    void aFamilyFromThreeAgenciesIsOneCaseOnTheCoordinatorsCaseload() throws Exception {
        String dave = newNhsNumber();
        String kayleigh = newNhsNumber();
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(dave, "RR8", BudgetBundles.newBudgetId(),
                "18250.00")).execute();
        // as providers and councils send people: names and birth date with the number they typed (an NHS number
        // nobody traced links only with names and birth date that agree with it)
        String born = java.time.LocalDate.parse(org.joinedup.hub.support.TestPeople.birthDateOf(dave))
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        String snapshot = "tenancy_ref,person_ref,role,forename,surname,date_of_birth,nhs_number,tenure,start_date,"
                + "arrears_pence\n"
                + "T-1,P-1,LEAD,Dave,Hughes," + born + "," + dave + ",SECURE,01/04/2015,62500\n"
                + "T-1,P-2,MEMBER,Kayleigh,Hughes,30/09/2011," + kayleigh + ",SECURE,01/04/2015,\n";
        Files.createDirectories(inbox);
        Path part = inbox.resolve("case.part");
        Files.writeString(part, snapshot);
        Files.move(part, inbox.resolve("tenancies-" + provider + "-20261121.csv"), StandardCopyOption.ATOMIC_MOVE);
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                {"eventId": "%s", "type": "SERVICE_STARTED", "occurredAt": "2026-11-19T10:32:00Z", "council": "E08000004",
                 "client": {"clientId": "OC-%s", "nhsNumber": "%s", "forename": "David", "surname": "Hughes",
                            "dateOfBirth": "%s"},
                 "service": {"serviceId": "SVC-%s", "kind": "HOME_CARE", "provider": "Pennine Home Care Ltd",
                             "weeklyCostPence": 18000, "startDate": "2026-11-23"}}"""
                .formatted(UUID.randomUUID(), dave, dave, org.joinedup.hub.support.TestPeople.birthDateOf(dave), dave))
                .post("/api/inbound/social-care/events").then().statusCode(202);

        JsonPath familyCase = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String caseId = caseOf(dave);
            return caseId == null ? null : JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/cases/" + caseId).then().statusCode(200).extract().asString());
        }, c -> c != null && c.getList("members").size() == 2
                && c.getList("members.find { it.lead }.services").size() == 1);

        assertEquals(caseOf(dave), caseOf(kayleigh), "Dave and Kayleigh are one family");
        Map<String, Object> lead = familyCase.getMap("members.find { it.lead }");
        assertEquals("David", lead.get("givenName"), "the first name the hub heard (from the NHS)");
        assertEquals(List.of("HOUSING", "NHS", "SOCIAL_CARE"), lead.get("agencies"));
        assertEquals(List.of("RENT_ARREARS"), familyCase.getList("alerts.kind"));
        List<String> times = familyCase.getList("timeline.at");
        assertTrue(times.size() >= 4, times.toString());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1).compareTo(times.get(i)) >= 0, "the timeline is newest first: " + times);
        }
        List<String> kinds = familyCase.getList("timeline.kind");
        assertTrue(kinds.containsAll(List.of("CONTRIBUTION_CONFIRMED", "TENANCY_STARTED", "SERVICE_STARTED",
                "ALERT_RENT_ARREARS")), kinds.toString());

        List<Map<String, Object>> caseload = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/cases?coordinator=coordinator").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> entry = caseload.stream().filter(c -> familyCase.getString("id").equals(c.get("id")))
                .findFirst().orElseThrow();
        assertEquals(2, entry.get("members"));
    }

    @Test
    void aFamilyWhoseBudgetIsSharedFundsOneMembersPlanFromAnothersMoneyAndTheCaseShowsThePlan() throws Exception {
        String dave = newNhsNumber();
        String kayleigh = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(dave, "RR8", BudgetBundles.newBudgetId(),
                "18250.00")).execute();
        org.joinedup.hub.support.CouncilEvents.allocationConfirmed(kayleigh, "Kayleigh", 936_000);
        org.joinedup.hub.support.CouncilEvents.allocationConfirmed(dave, "David", 1_200_000);
        String snapshot = "tenancy_ref,person_ref,role,forename,surname,date_of_birth,nhs_number,tenure,start_date,"
                + "arrears_pence\n"
                + "T-1,P-1,LEAD,Dave,Hughes," + ukDate(dave) + "," + dave + ",SECURE,01/04/2015,\n"
                + "T-1,P-2,MEMBER,Kayleigh,Hughes," + ukDate(kayleigh) + "," + kayleigh + ",SECURE,01/04/2015,\n";
        Files.createDirectories(inbox);
        Path part = inbox.resolve("shared.part");
        Files.writeString(part, snapshot);
        Files.move(part, inbox.resolve("tenancies-HSG" + ThreadLocalRandom.current().nextInt(1_000_000)
                + "-20261121.csv"), StandardCopyOption.ATOMIC_MOVE);
        String caseId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> caseOf(dave), c -> c != null && c.equals(caseOf(kayleigh)));
        String kayleighId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber="
                + kayleigh).then().extract().jsonPath().getString("[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/cases/" + caseId + "/budget").then().extract().jsonPath()
                .getLong("totals.availablePence") == 1_825_000 + 936_000 + 1_200_000);
        Map<String, Object> plan = Map.of("personId", kayleighId, "whatMatters", "Getting to college",
                "lines", List.of(Map.of("category", "PERSONAL_ASSISTANT", "description", "PA for college days",
                        "payee", "Sue Patel", "costKind", "WEEKLY", "unitPence", 20_000, "units", 0,
                        "management", "DIRECT_PAYMENT")));

        // her own money is not enough
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(plan)
                .post("/api/plans").then().statusCode(422);
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(Map.of("shared", true, "reason", "x")).post("/api/cases/" + caseId + "/shared-budget").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(Map.of("shared", true))
                .post("/api/cases/" + caseId + "/shared-budget").then().statusCode(422);
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("shared", true, "reason", "The family wants one budget they manage together"))
                .post("/api/cases/" + caseId + "/shared-budget").then().statusCode(200);

        // the family's budget is shared, but Dave's NHS continuing-care money is still his: not for her nursing
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", kayleighId, "whatMatters", "Staying well", "lines", List.of(Map.of(
                        "category", "NURSING", "description", "Night nursing", "payee", "Pennine Nursing",
                        "costKind", "WEEKLY", "unitPence", 5_000, "units", 1, "management", "DIRECT_PAYMENT"))))
                .post("/api/plans").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("NHS continuing healthcare money is for the person it was"
                        + " awarded to"));
        // his council money may pay for Kayleigh's PA (its rules share it with the family)
        JsonPath drafted = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(plan).post("/api/plans").then().statusCode(201).extract().jsonPath();
        assertEquals("E08000004", drafted.getString("lines[0].fundingBodyCode"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + drafted.getString("id") + "/lines/1/approve").then().statusCode(200);
        JsonPath family = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId + "/budget")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, family.getBoolean("sharedBudget.shared"));
        assertEquals(1_040_000, family.getLong("totals.committedPence"));
        assertEquals(1_040_000, family.getLong("members.find { it.personId != '" + kayleighId
                + "' }.totals.committedPence"), "committed on Dave's council money");

        JsonPath view = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("The family wants one budget they manage together", view.getString("sharedBudget.reason"));
        String her = "members.find { it.personId == '" + kayleighId + "' }";
        assertEquals(1, view.getInt(her + ".plan.version"));
        assertEquals(1_040_000, view.getLong(her + ".plan.annualPence"));
        assertEquals(Map.of("APPROVED", 1), view.getMap(her + ".plan.linesByStatus"));
        List<String> kinds = view.getList("timeline.kind");
        assertTrue(kinds.containsAll(List.of("PLAN_DRAFTED", "PLAN_LINE_APPROVED")), kinds.toString());
    }

    /** The person's birth date as a housing file writes it. */
    private static String ukDate(String nhs) {
        return java.time.LocalDate.parse(org.joinedup.hub.support.TestPeople.birthDateOf(nhs))
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private static String caseOf(String nhs) {
        List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people?nhsNumber=" + nhs).then().statusCode(200).extract().jsonPath().getList("$");
        return found.size() == 1 ? (String) found.get(0).get("caseId") : null;
    }
}
