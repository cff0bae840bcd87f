package org.joinedup.hub.plan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Oldham council and Leeds Teaching Hospitals pool money; their statement shows what each put in and where it went,
 * from the ledger. Other tests spend the same funders' money in the same hub, so this test reads the statement
 * before and after its own plan and checks the difference, on categories only it uses.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class PoolStatementTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private static final String YEAR = "from=2026-04-01&to=2027-03-31";

    @Test
    void eachPartnerSeesWhatItPutInAndWhereItWent() {
        String pool = given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(Map.of(
                "name", "Oldham integrated personal budgets (section 75)", "hostCode", "E08000004",
                "partners", List.of(Map.of("code", "E08000004", "department", "ADULT_SOCIAL_CARE",
                        "name", "Oldham Council adult social care"),
                        Map.of("code", "RR8", "name", "Leeds Teaching Hospitals"))))
                .post("/api/pools").then().statusCode(201).extract().jsonPath().getString("id");
        String first = deposit(pool, "E08000004", 10_000_000).statusCode(201).extract().path("id");
        deposit(pool, "RR8", 20_000_000).statusCode(201);
        // a deposit sent again (a retried request) is the same deposit, counted once; its reference is not reused
        deposit(pool, "E08000004", 10_000_000).statusCode(200).body("id", equalTo(first))
                .body("repeat", equalTo(true));
        deposit(pool, "E08000004", 10_000_001).statusCode(409).body("error", equalTo("E08000004 deposit"
                + " E08000004-2026-Q1 was recorded already as £100000.00 of REVENUE money for 2026-04-01 to 2027-03-31:"
                + " a deposit is not changed; send a new one with its own reference"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(Map.of("partnerCode",
                "E08000004", "periodStart", "2026-04-01", "periodEnd", "2027-03-31", "money", "REVENUE",
                "amountPence", 5)).post("/api/pools/" + pool + "/deposits").then().statusCode(422)
                .body("problems[0].path", equalTo("reference"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(Map.of("partnerCode",
                "RM3", "reference", "RM3-1", "periodStart", "2026-04-01", "periodEnd", "2027-03-31", "money",
                "REVENUE", "amountPence", 5))
                .post("/api/pools/" + pool + "/deposits").then().statusCode(422)
                .body("problems[0].reason", containsString("not a partner"));
        // a pool takes deposits only from its host and from each partner for itself
        String rr8Deposit = "{\"partnerCode\": \"%s\", \"reference\": \"X-1\", \"periodStart\": \"2026-04-01\", \"periodEnd\":"
                + " \"2027-03-31\", \"money\": \"REVENUE\", \"amountPence\": 5}";
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON)
                .body(rr8Deposit.formatted("E08000004")).post("/api/pools/" + pool + "/deposits").then()
                .statusCode(403).body("error", containsString("only from its host"));
        given().auth().oauth2(DemoTokens.of("trust2")).contentType(ContentType.JSON)
                .body(rr8Deposit.formatted("RR8")).post("/api/pools/" + pool + "/deposits").then().statusCode(403);
        JsonPath before = statement(pool);
        assertEquals(10_000_000, before.getLong("partners.find { it.code == 'E08000004' }.putInPence"));
        assertEquals(20_000_000, before.getLong("partners.find { it.code == 'RR8' }.putInPence"));
        // each deposit moved money in the ledger once, partner to pool, saying who and why; the retry moved nothing
        List<String> postings = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select p.kind || ' ' || p.caused_by || ' ' || e.pool_partner || ' ' || e.account"
                        + " || ' ' || e.pence from ledger_posting p join ledger_entry e on e.posting_id = p.id"
                        + " where e.pool_id = ?1 order by e.id").setParameter(1, java.util.UUID.fromString(pool))
                .getResultList().stream().map(Object::toString).toList());
        assertEquals(List.of("POOL_DEPOSIT council E08000004 POOL_PARTNER -10000000",
                "POOL_DEPOSIT council E08000004 POOL_HELD 10000000", "POOL_DEPOSIT council RR8 POOL_PARTNER -20000000",
                "POOL_DEPOSIT council RR8 POOL_HELD 20000000"), postings);

        // a person with both funders' money; a plan with a respite line (council) and a nursing line (NHS)
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(),
                "18250.00")).execute();
        org.joinedup.hub.support.CouncilEvents.allocationConfirmed(nhs, "David", 936_000);
        String personId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().extract().jsonPath().getString("[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + personId + "/budget").then().extract().jsonPath()
                .getList("contributions").size() == 2);
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "A break for Sam now and then", "lines", List.of(
                        Map.of("category", "RESPITE", "description", "A weekend away a month", "payee", "Moorside",
                                "costKind", "ONE_OFF", "unitPence", 30_000, "units", 12, "management",
                                "COUNCIL_MANAGED", "contributionId", councilContribution(personId)),
                        Map.of("category", "NURSING", "description", "District nurse top-up", "payee", "Nurses Ltd",
                                "costKind", "WEEKLY", "unitPence", 5_000, "units", 0, "management",
                                "INDIVIDUAL_SERVICE_FUND"))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/2/approve").then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"respite-nov\", \"amountPence\": 30000, \"paidOn\": \"2026-11-28\"}")
                .post("/api/plans/" + planId + "/lines/1/payments").then().statusCode(200);

        JsonPath after = statement(pool);
        assertEquals(360_000 - 30_000, category(after, "E08000004", "RESPITE", "committedPence")
                - category(before, "E08000004", "RESPITE", "committedPence"));
        assertEquals(30_000, category(after, "E08000004", "RESPITE", "paidPence")
                - category(before, "E08000004", "RESPITE", "paidPence"));
        assertEquals(260_000, category(after, "RR8", "NURSING", "committedPence")
                - category(before, "RR8", "NURSING", "committedPence"));
        assertTrue(after.getLong("partners.find { it.code == 'RR8' }.people")
                > before.getLong("partners.find { it.code == 'RR8' }.people"));
        long left = after.getLong("partners.find { it.code == 'E08000004' }.leftPence");
        assertEquals(10_000_000 - after.getLong("partners.find { it.code == 'E08000004' }.committedPence")
                - after.getLong("partners.find { it.code == 'E08000004' }.paidPence"), left);

        String csv = given().auth().oauth2(DemoTokens.of("council")).get("/api/pools/" + pool + "/statement?" + YEAR
                + "&format=csv").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("pool,partner,department,category,put_in_pence"), csv);
        assertTrue(csv.contains(pool + ",E08000004,ADULT_SOCIAL_CARE,RESPITE,"), csv);
    }

    private static String councilContribution(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/budget").then()
                .extract().jsonPath().getString("contributions.find { it.agency == 'SOCIAL_CARE' }.contributionId");
    }

    private static long category(JsonPath statement, String partner, String category, String field) {
        Object value = statement.get("partners.find { it.code == '" + partner + "' }.categories.find { it.category == '"
                + category + "' }." + field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static io.restassured.response.ValidatableResponse deposit(String pool, String partner, long pence) {
        return given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(Map.of("partnerCode",
                partner, "reference", partner + "-2026-Q1", "periodStart", "2026-04-01", "periodEnd", "2027-03-31",
                "money", "REVENUE", "amountPence", pence)).post("/api/pools/" + pool + "/deposits").then();
    }

    private static JsonPath statement(String pool) {
        return given().auth().oauth2(DemoTokens.of("council")).get("/api/pools/" + pool + "/statement?" + YEAR)
                .then().statusCode(200).extract().jsonPath();
    }
}
