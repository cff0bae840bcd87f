package org.joinedup.hub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the packaged hub in the demo profile starts its own PostgreSQL and Artemis, the demo
 * family's budgets arrive through the real FHIR endpoint, and a restart on the same data directory keeps them
 * without applying them twice.
 */
class DemoStartIT {

    private static final String DAVE = "9434765919";

    @Test
    void demoDataArrivesThroughTheFhirEndpointAndSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("joinedup-demo-");
        String personId;
        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            awaitCouncilAndHousingApplied(hub);
            System.out.printf("demo hub: ready %d ms after launch, resident memory %d MiB%n",
                    System.currentTimeMillis() - hub.startMillis, hub.residentMiB());
            personId = assertDaveHasBothTrustsBudgets(hub);
        }
        try (HubProcess again = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            again.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            awaitCouncilAndHousingApplied(again);
            assertEquals(personId, assertDaveHasBothTrustsBudgets(again), "the same person after a restart");
            JsonPath messages = JsonPath.from(again.get("/api/inbound/messages?agency=NHS", again.token("operator"))
                    .body());
            assertEquals(2, messages.getList("$").size(), "the demo pushes are stored once each");
            assertEquals(List.of(1, 1), messages.getList("repeats"), "the second start's pushes are repeats");
            JsonPath council = JsonPath.from(again.get("/api/inbound/messages?agency=SOCIAL_CARE",
                    again.token("operator")).body());
            assertEquals(List.of(1, 1, 1, 1, 1), council.getList("repeats"), "the council's events are stored once each");
            assertACoordinatorCanAssessDaveAndSeeHisIndicativeBudget(again, personId);
        }
    }

    /** The single assessment on the demo family: recorded by the coordinator, explained beside what agencies gave. */
    private static void assertACoordinatorCanAssessDaveAndSeeHisIndicativeBudget(HubProcess hub, String personId)
            throws Exception {
        String coordinator = hub.token("coordinator");
        StringBuilder answers = new StringBuilder("{\"what-matters.important\": \"Being a good dad to Sam and Kayleigh\"");
        for (String domain : List.of("personal-care", "eating", "health", "mental-wellbeing", "home", "money", "work",
                "family", "community", "safety")) {
            answers.append(", \"").append(domain).append(".need\": \"")
                    .append(domain.equals("personal-care") ? "substantial" : domain.equals("work") ? "low" : "none")
                    .append('"');
        }
        answers.append(", \"work.wants-support\": true}");
        var recorded = hub.postJson("/api/people/" + personId + "/assessments", coordinator,
                "{\"answers\": " + answers + ", \"mode\": \"SELF\", \"completedBy\": \"Dave Hughes\"}");
        assertEquals(201, recorded.statusCode(), recorded.body());
        JsonPath budget = JsonPath.from(hub.get("/api/people/" + personId + "/indicative-budget", coordinator)
                .body());
        // council: personal care 18 points x £120.00 = £2,160.00, beside the £9,360.00 Oldham confirmed
        assertEquals(216000, budget.getInt("shares.find { it.agency == 'SOCIAL_CARE' }.indicativePence"));
        assertEquals(936000, budget.getInt("shares.find { it.agency == 'SOCIAL_CARE' }.confirmedPence"));
        // employment: work 2 points x £200.00, beside DWP's £450.00 training award
        assertEquals(40000, budget.getInt("shares.find { it.agency == 'EMPLOYMENT' }.indicativePence"));
        assertEquals(45000, budget.getInt("shares.find { it.agency == 'EMPLOYMENT' }.confirmedPence"));
        // NHS: not found eligible for continuing healthcare here, though two trusts fund him
        assertEquals(false, budget.getBoolean("shares.find { it.agency == 'NHS' }.eligible"));
        assertEquals(1825000 + 240050, budget.getInt("shares.find { it.agency == 'NHS' }.confirmedPence"));
        assertEquals(216000 + 40000, budget.getInt("totalPence"));
        JsonPath family = JsonPath.from(hub.get("/api/cases/" + JsonPath.from(hub.get("/api/people?nhsNumber=" + DAVE,
                coordinator).body()).getString("[0].caseId"), coordinator).body());
        assertEquals(20, family.getInt("members.find { it.personId == '" + personId + "' }.assessment.totalPoints"));
    }

    private static Map<String, Integer> contributions(JsonPath person) {
        Map<String, Integer> byBody = new java.util.HashMap<>();
        List<String> bodies = person.getList("contributions.fundingBodyCode");
        List<Integer> amounts = person.getList("contributions.amountPence");
        for (int i = 0; i < bodies.size(); i++) {
            byBody.put(bodies.get(i), amounts.get(i));
        }
        return byBody;
    }

    private static void awaitCouncilAndHousingApplied(HubProcess hub) throws Exception {
        for (int i = 0; i < 150; i++) {
            String operator = hub.token("operator");
            String council = hub.get("/api/inbound/messages?agency=SOCIAL_CARE&status=APPLIED", operator).body();
            String housing = hub.get("/api/inbound/files?agency=HOUSING", operator).body();
            String benefits = hub.get("/api/inbound/files?agency=BENEFITS", operator).body();
            String employment = hub.get("/api/inbound/messages?agency=EMPLOYMENT&status=APPLIED", operator).body();
            if (council.contains("OLD-CMS-2026-118203") && housing.contains("\"DONE\"")
                    && benefits.contains("\"DONE\"") && employment.contains("9d1e6c34")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the council's events or the housing file of the demo were not applied");
    }

    private static String assertDaveHasBothTrustsBudgets(HubProcess hub) throws Exception {
        String coordinator = hub.token("coordinator");
        List<Map<String, Object>> found = JsonPath.from(hub.get("/api/people?nhsNumber=943%20476%205919", coordinator)
                .body()).getList("$");
        assertEquals(1, found.size(), "one Dave, though two trusts spell him differently");
        String id = (String) found.get(0).get("id");
        JsonPath person = JsonPath.from(hub.get("/api/people/" + id, coordinator).body());
        assertEquals(DAVE, person.getString("identifiers[0].value"));
        assertEquals(Map.of("RR8", 1825000, "RM3", 240050, "E08000004", 936000, "OLDHAMHSG", 780000, "DWP", 45000),
                contributions(person), "two trusts' budgets, the council's allocation, the DFG award and the"
                        + " employment award, on one person");
        assertEquals(List.of(1, 1, 1, 1, 1), person.getList("contributions.version"));
        assertEquals(List.of("RENT_ARREARS"), person.getList("alerts.kind"));
        String caseId = (String) found.get(0).get("caseId");
        JsonPath family = JsonPath.from(hub.get("/api/cases/" + caseId, coordinator).body());
        assertEquals(3, family.getList("members").size(), "Dave, Sam and Kayleigh: one family, no duplicates");
        assertEquals(List.of("BENEFITS", "EMPLOYMENT", "HOUSING", "NHS", "SOCIAL_CARE"),
                family.getList("members.find { it.lead }.agencies"), "five agencies for Dave");
        assertEquals(List.of("CA"), family.getList("members.find { it.givenName == 'Samantha' }.benefits.benefit"));
        assertTrue(hub.get("/api/cases?coordinator=coordinator", coordinator).body().contains(caseId));
        assertTrue(hub.get("/q/health", null).body().contains("\"UP\""));
        return id;
    }
}
