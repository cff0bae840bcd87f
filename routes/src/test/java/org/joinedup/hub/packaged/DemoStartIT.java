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
            assertTheCoordinatorsScreenIsServed(hub);
            // a FHIR search as the specification writes it, the | not encoded, reaches the packaged hub's FHIR server
            var search = org.joinedup.hub.support.RawHttp.get(hub.httpPort, "/fhir/Patient?identifier="
                    + "https://fhir.nhs.uk/Id/nhs-number|" + DAVE, hub.token("trust"));
            assertEquals(200, search.status(), search.body());
            assertEquals(List.of(personId), search.json().getList("entry.resource.id"));
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
            assertDavesPlanIsFundedApprovedAndPaidAndEachFunderSeesWhereItsMoneyWent(again, personId);
        }
    }

    /** The first command prints the web address, and the packaged hub serves its pages and the GOV.UK assets. */
    private static void assertTheCoordinatorsScreenIsServed(HubProcess hub) throws Exception {
        assertTrue(hub.log().contains("The coordinator's screen: " + hub.base() + "/app"), "the web address");
        var signIn = hub.get("/app/sign-in", null);
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.body().contains("Sam Patel"), "the demo coordinator is offered");
        assertEquals(200, hub.get("/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css", null)
                .statusCode(), "the GOV.UK Frontend stylesheet, from its webjar");
    }

    /** The demo user who decides for each funding body of the demo family's money. */
    private static final Map<String, String> APPROVERS = Map.of("RR8", "trust", "RM3", "trust2", "E08000004",
            "council", "OLDHAMHSG", "housing", "DWP", "employment");

    private static final String YEAR = "from=2026-04-01&to=2027-03-31";

    /**
     * Issue 5's "done when", on the packaged hub: the coordinator drafts Dave's plan, the hub proposes who pays each
     * line from the NHS, council, housing and employment money that arrived through the connectors, each funder
     * approves its own lines, payments flow (one is refused, with an alert on the case), and each funder's statement
     * and the council's section 75 pool statement show exactly where the money went.
     */
    private static void assertDavesPlanIsFundedApprovedAndPaidAndEachFunderSeesWhereItsMoneyWent(HubProcess hub,
            String personId) throws Exception {
        String coordinator = hub.token("coordinator");
        JsonPath budget = JsonPath.from(hub.get("/api/people/" + personId + "/budget", coordinator).body());
        String rm3Money = budget.getString("contributions.find { it.fundingBodyCode == 'RM3' }.contributionId");
        String line = "{\"category\": \"%s\", \"description\": \"%s\", \"payee\": \"%s\", \"costKind\": \"%s\","
                + " \"unitPence\": %d, \"units\": %d, \"management\": \"%s\"%s}";
        var drafted = hub.postJson("/api/plans", coordinator, "{\"personId\": \"" + personId + "\", \"whatMatters\":"
                + " \"Being a good dad to Sam and Kayleigh, and back in work\", \"goals\": \"A job by the summer\","
                + " \"lines\": [" + String.join(", ",
                        line.formatted("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel", "HOURLY",
                                1_400, 10, "DIRECT_PAYMENT", ""),
                        line.formatted("COMMUNITY_ACTIVITY", "Allotment society and bus fares", "Oldham Allotments",
                                "WEEKLY", 3_000, 0, "COUNCIL_MANAGED", ""),
                        line.formatted("ADAPTATION", "Level-access shower", "Oldham Adaptations Ltd", "ONE_OFF",
                                780_000, 1, "COUNCIL_MANAGED", ""),
                        line.formatted("TRAINING", "Forklift licence course", "Oldham College", "ONE_OFF", 45_000, 1,
                                "DIRECT_PAYMENT", ""),
                        line.formatted("HEALTH_THERAPY", "Talking therapy", "Pennine Minds", "WEEKLY", 4_000, 0,
                                "INDIVIDUAL_SERVICE_FUND", ", \"contributionId\": \"" + rm3Money + "\""))
                + "]}");
        assertEquals(201, drafted.statusCode(), drafted.body());
        JsonPath plan = JsonPath.from(drafted.body());
        String planId = plan.getString("id");
        List<String> funders = plan.getList("lines.fundingBodyCode");
        assertEquals(List.of("NHS", "SOCIAL_CARE", "HOUSING", "EMPLOYMENT", "NHS"), plan.getList("lines.agency"),
                "the hub proposes restricted money first: " + plan.getList("lines.fundingExplanation"));
        assertEquals(List.of("E08000004", "OLDHAMHSG", "DWP", "RM3"), funders.subList(1, 5));
        assertTrue(plan.getString("lines[2].fundingExplanation").contains("disabled facilities grant"),
                plan.getString("lines[2].fundingExplanation"));

        // each funder approves its own lines, and only its own
        assertEquals(403, hub.postJson("/api/plans/" + planId + "/lines/2/approve", hub.token("housing"), "{}")
                .statusCode(), "Oldham Housing cannot approve the council's line");
        for (int n = 1; n <= 5; n++) {
            var approved = hub.postJson("/api/plans/" + planId + "/lines/" + n + "/approve",
                    hub.token(APPROVERS.get(funders.get(n - 1))), "{\"reason\": \"in Dave's plan\"}");
            assertEquals(200, approved.statusCode(), approved.body());
        }
        assertEquals(List.of("APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED"), JsonPath.from(hub.get(
                "/api/plans/" + planId, coordinator).body()).getList("lines.status"));

        // payments flow from the approved lines; one past its line is refused and the case shows it
        long[] paid = { 14_000, 3_000, 780_000, 45_000, 4_000 };
        // by the body that manages each line's money: council finance for its own money and, under the section 75
        // arrangements, the NHS budgets and the grant; DWP for its employment support
        for (int n = 1; n <= 5; n++) {
            String payer = funders.get(n - 1).equals("DWP") ? hub.token("employment") : hub.token("council");
            var payment = hub.postJson("/api/plans/" + planId + "/lines/" + n + "/payments", payer,
                    "{\"reference\": \"DEMO-" + n + "\", \"amountPence\": " + paid[n - 1]
                            + ", \"paidOn\": \"2026-11-30\"}");
            assertEquals(200, payment.statusCode(), payment.body());
        }
        assertEquals(403, hub.postJson("/api/plans/" + planId + "/lines/2/payments", coordinator,
                "{\"reference\": \"DEMO-2-coordinator\", \"amountPence\": 100, \"paidOn\": \"2026-11-30\"}")
                .statusCode(), "a coordinator plans; finance pays");
        var refused = hub.postJson("/api/plans/" + planId + "/lines/3/payments", hub.token("council"),
                "{\"reference\": \"DEMO-3-extra\", \"amountPence\": 10000, \"paidOn\": \"2026-11-30\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(hub.get("/api/people/" + personId, coordinator).body().contains("PAYMENT_REFUSED"));

        // each funder sees, for its own money only, what it committed and paid and on what
        long[] annual = plan.getList("lines.annualPence", Long.class).stream().mapToLong(Long::longValue).toArray();
        for (int n = 1; n <= 5; n++) {
            String code = funders.get(n - 1);
            String contribution = plan.getString("lines[" + (n - 1) + "].contributionId");
            var answer = hub.get("/api/funders/" + code + "/statement?" + YEAR, hub.token(APPROVERS.get(code)));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonPath mine = JsonPath.from(answer.body());
            String own = "contributions.find { it.contributionId == '" + contribution + "' }";
            assertEquals(paid[n - 1], mine.getLong(own + ".paidByCategory." + plan.getString("lines[" + (n - 1)
                    + "].category")), code + " line " + n);
            assertEquals(paid[n - 1], mine.getLong(own + ".paidPence"), code + " line " + n);
            assertEquals(annual[n - 1] - paid[n - 1], mine.getLong(own + ".committedPence"), code + " line " + n);
        }
        assertEquals(403, hub.get("/api/funders/E08000004/statement?" + YEAR, hub.token("employment")).statusCode());

        // the council's pool statement: the pooled fund set up by the demo, its partners' money by category
        JsonPath pools = JsonPath.from(hub.get("/api/pools", hub.token("council")).body());
        assertEquals(1, pools.getList("findAll { it.name.contains('section 75') }").size(), "set up once, not per start");
        String poolId = pools.getString("find { it.name.contains('section 75') }.id");
        JsonPath pool = JsonPath.from(hub.get("/api/pools/" + poolId + "/statement?" + YEAR, hub.token("council"))
                .body());
        String council = "partners.find { it.code == 'E08000004' }";
        assertEquals(200_000_000, pool.getLong(council + ".putInPence"));
        assertEquals(3_000, pool.getLong(council + ".categories.find { it.category == 'COMMUNITY_ACTIVITY' }.paidPence"));
        assertEquals(annual[1] - 3_000, pool.getLong(council
                + ".categories.find { it.category == 'COMMUNITY_ACTIVITY' }.committedPence"));
        assertEquals(4_000, pool.getLong("partners.find { it.code == 'RM3' }.categories.find { it.category =="
                + " 'HEALTH_THERAPY' }.paidPence"));
        assertEquals(1, pool.getLong(council + ".people"));
        String csv = hub.get("/api/pools/" + poolId + "/statement?" + YEAR + "&format=csv", hub.token("council"))
                .body();
        assertTrue(csv.contains(",E08000004,ADULT_SOCIAL_CARE,COMMUNITY_ACTIVITY,"), csv);
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
