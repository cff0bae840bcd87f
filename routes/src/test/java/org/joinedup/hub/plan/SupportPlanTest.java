package org.joinedup.hub.plan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * A support plan through the real APIs: the coordinator drafts it, the hub proposes who pays each line, each funder
 * approves or refuses its own lines (approved lines are committed in the ledger), payments are drawn from them.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class SupportPlanTest {

    /** A person with £18,250 of NHS money (Leeds, RR8) and £9,360 from Oldham council. */
    private static String personWithNhsAndCouncilMoney(String nhs) {
        return personWithNhsAndCouncilMoney(nhs, BudgetBundles.newBudgetId());
    }

    private static String personWithNhsAndCouncilMoney(String nhs, String nhsBudgetId) {
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", nhsBudgetId, "18250.00"))
                .execute();
        org.joinedup.hub.support.CouncilEvents.allocationConfirmed(nhs, "David", 936_000);
        String personId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().extract().jsonPath().getString("[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> budget(personId).getLong("totals.availablePence")
                == 1_825_000 + 936_000);
        return personId;
    }

    private static JsonPath budget(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/budget").then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> line(String category, String description, String payee, String kind,
            long unitPence, int units) {
        return Map.of("category", category, "description", description, "payee", payee, "costKind", kind,
                "unitPence", unitPence, "units", units, "management", "DIRECT_PAYMENT");
    }

    @Test
    void aPlanIsProposedApprovedByEachFunderCommittedAndPaid() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        JsonPath plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Getting up and out in the mornings",
                        "goals", "Back at the allotment by spring", "lines", List.of(
                                line("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel", "HOURLY",
                                        1_400, 20),
                                line("COMMUNITY_ACTIVITY", "Allotment society and bus fares", "Oldham Allotments",
                                        "WEEKLY", 3_000, 0),
                                line("GAMING_CHAIR", "x", "y", "ONE_OFF", 100, 1))))
                .post("/api/plans").then().statusCode(422).extract().jsonPath();
        assertEquals("lines[3].category", plan.getString("problems[0].path"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "x", "lines", List.of(line("PERSONAL_ASSISTANT",
                        "PA", "Sue Patel", "HOURLY", 1_400, 0)))).post("/api/plans").then().statusCode(422)
                .body("problems[0].path", equalTo("lines[1].units"));

        plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Getting up and out in the mornings",
                        "goals", "Back at the allotment by spring", "lines", List.of(
                                line("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel", "HOURLY",
                                        1_400, 20),
                                line("COMMUNITY_ACTIVITY", "Allotment society and bus fares", "Oldham Allotments",
                                        "WEEKLY", 3_000, 0),
                                line("EQUIPMENT", "Shower chair", "Oldham Mobility", "ONE_OFF", 25_000, 1))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath();
        String planId = plan.getString("id");
        assertEquals(List.of("NHS", "SOCIAL_CARE", "NHS"), plan.getList("lines.agency"));
        assertEquals(List.of(1_456_000, 156_000, 25_000), plan.getList("lines.annualPence"));
        assertEquals("£14.00 an hour x 20 hours a week x 52 weeks = £14560.00; paid by NHS continuing healthcare (RR8):"
                + " the most restricted money that may pay for PERSONAL_ASSISTANT (NHS continuing healthcare pays for 7"
                + " categories), keeping flexible money for what only it can pay for; £3690.00 of it left after this"
                + " line", plan.getString("lines[0].fundingExplanation"));

        // each funder decides only its own lines
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(403)
                .body("error", equalTo("line 1: NHS continuing healthcare money pays for this line: only RR8,"
                        + " whose money it is, decides it"));
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(200)
                .body("lines[0].status", equalTo("APPROVED")).body("lines[0].decidedBy", equalTo("trust"));
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/3/refuse").then().statusCode(422);
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON)
                .body("{\"reason\": \"the OT is providing one\"}").post("/api/plans/" + planId + "/lines/3/refuse")
                .then().statusCode(200).body("lines[2].status", equalTo("REFUSED"))
                .body("lines[2].decisionReason", equalTo("the OT is providing one"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/2/approve").then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(409)
                .body("error", containsString("already approved"));

        JsonPath money = budget(personId);
        assertEquals(1_456_000 + 156_000, money.getLong("totals.committedPence"));
        assertEquals(1_825_000 + 936_000 - 1_456_000 - 156_000, money.getLong("totals.availablePence"));

        // payments are drawn from approved lines only, once per reference, never past the line
        String payment = "{\"reference\": \"%s\", \"amountPence\": %d, \"paidOn\": \"2026-11-30\"}";
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(payment.formatted("PA-week-48", 28_000)).post("/api/plans/" + planId + "/lines/1/payments")
                .then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(payment.formatted("PA-week-48", 28_000)).post("/api/plans/" + planId + "/lines/1/payments")
                .then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(payment.formatted("chair", 25_000)).post("/api/plans/" + planId + "/lines/3/payments")
                .then().statusCode(409).body("error", containsString("only an approved line can be paid"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(payment.formatted("too-much", 1_456_000)).post("/api/plans/" + planId + "/lines/1/payments")
                .then().statusCode(409).body("error", containsString("past its £14560.00 a year"));
        // only the body that manages the money pays from it: not the coordinator, not another funder
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(payment.formatted("by-coordinator", 1_000)).post("/api/plans/" + planId + "/lines/1/payments")
                .then().statusCode(403);
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON)
                .body(payment.formatted("rr8-pays-council", 1_000)).post("/api/plans/" + planId + "/lines/2/payments")
                .then().statusCode(403).body("error", containsString("this is E08000004's money"));
        List<String> refusals = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().extract().jsonPath().getList("alerts.findAll { it.kind == 'PAYMENT_REFUSED' }.detail");
        assertEquals(2, refusals.size(), "each refused payment is an alert on the case: " + refusals);
        assertEquals(true, refusals.stream().anyMatch(d -> d.contains("payment chair of £250.00 to Oldham Mobility"
                + " refused: line 3 is refused")), refusals.toString());

        money = budget(personId);
        assertEquals(28_000, money.getLong("totals.paidPence"));
        assertEquals(1_456_000 + 156_000 - 28_000, money.getLong("totals.committedPence"));
        given().auth().oauth2(DemoTokens.of("trust")).get("/api/plans/" + planId).then().statusCode(200)
                .body("lines[0].paidPence", equalTo(28_000));

        // the NHS body sees what its money paid, as FHIR: a ChargeItem on its contribution's Account
        String nhsContribution = plan.getString("lines[0].contributionId");
        org.hl7.fhir.r4.model.Bundle items = Fhir.clientFor("trust").search()
                .forResource(org.hl7.fhir.r4.model.ChargeItem.class)
                .where(org.hl7.fhir.r4.model.ChargeItem.ACCOUNT.hasId("Account/" + nhsContribution))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
        assertEquals(1, items.getEntry().size());
        org.hl7.fhir.r4.model.ChargeItem item = (org.hl7.fhir.r4.model.ChargeItem) items.getEntry().get(0)
                .getResource();
        assertEquals("280.00", item.getPriceOverride().getValue().toPlainString());
        assertEquals("PERSONAL_ASSISTANT", item.getCode().getCodingFirstRep().getCode());
        // and as JSON, for its own money only
        JsonPath mine = given().auth().oauth2(DemoTokens.of("trust")).get("/api/funders/RR8/statement?from=2026-04-01"
                + "&to=2027-03-31").then().statusCode(200).extract().jsonPath();
        assertEquals(28_000, mine.getLong("contributions.find { it.contributionId == '" + nhsContribution
                + "' }.paidByCategory.PERSONAL_ASSISTANT"));
        assertEquals(1_456_000 - 28_000, mine.getLong("contributions.find { it.contributionId == '" + nhsContribution
                + "' }.committedPence"));
        given().auth().oauth2(DemoTokens.of("trust")).get("/api/funders/E08000004/statement?from=2026-04-01"
                + "&to=2027-03-31").then().statusCode(403);
        assertEquals(0, Fhir.clientFor("trust2").search().forResource(org.hl7.fhir.r4.model.ChargeItem.class)
                .where(org.hl7.fhir.r4.model.ChargeItem.PATIENT.hasId("Patient/" + personId))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry().size(),
                "another trust sees none of it");
    }

    @Test
    void aRiskyPlanWaitsForThePanelAndAConnectedPersonNeedsAnAgreedException() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        Map<String, Object> sam = new java.util.HashMap<>(line("PERSONAL_ASSISTANT", "Sam helps with mornings",
                "Sam Hughes", "WEEKLY", 5_000, 0));
        sam.put("connectedPerson", true);
        Map<String, Object> samAgreed = new java.util.HashMap<>(sam);
        samAgreed.put("description", "Sam helps with evenings");
        Map<String, Object> selfAgreed = new java.util.HashMap<>(samAgreed);
        selfAgreed.put("exceptionAgreed", true);
        // the plan's coordinator does not agree the exception for their own plan
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Staying at home with Sam", "risky", true,
                        "lines", List.of(sam, selfAgreed)))
                .post("/api/plans").then().statusCode(422)
                .body("problems[0].path", equalTo("lines[1].exceptionAgreed"));
        JsonPath plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Staying at home with Sam", "risky", true,
                        "lines", List.of(sam, samAgreed)))
                .post("/api/plans").then().statusCode(201).extract().jsonPath();
        String planId = plan.getString("id");
        assertEquals(List.of(true, true), plan.getList("lines.connectedPerson"));

        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/2/approve").then().statusCode(409)
                .body("error", containsString("the risk enablement panel has not decided yet"));
        String agreed = "{\"agreed\": true, \"reasons\": \"Dave chooses the risk; Sam is trained and supported\"}";
        // the risk panel decides, never the plan's coordinator or a council officer
        for (String notThePanel : List.of("coordinator", "council")) {
            given().auth().oauth2(DemoTokens.of(notThePanel)).contentType(ContentType.JSON).body(agreed)
                    .post("/api/plans/" + planId + "/panel").then().statusCode(403);
        }
        given().auth().oauth2(DemoTokens.of("panel")).contentType(ContentType.JSON).body("{\"agreed\": true}")
                .post("/api/plans/" + planId + "/panel").then().statusCode(422);
        given().auth().oauth2(DemoTokens.of("panel")).contentType(ContentType.JSON).body(agreed)
                .post("/api/plans/" + planId + "/panel").then().statusCode(200)
                .body("panelDecision", equalTo("AGREED"));
        // an exception for line 2: by the panel (line 1's funder, RR8, has not agreed one)
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body("{\"reason\": \"Sam is the person Dave trusts\"}")
                .post("/api/plans/" + planId + "/lines/2/exception").then().statusCode(403);
        given().auth().oauth2(DemoTokens.of("panel")).contentType(ContentType.JSON)
                .body("{\"reason\": \"Sam is the person Dave trusts; no one else can do evenings\"}")
                .post("/api/plans/" + planId + "/lines/2/exception").then().statusCode(200)
                .body("lines[1].exceptionAgreed", equalTo(true));
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(409)
                .body("error", containsString("needs an agreed exception"));
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/2/approve").then().statusCode(200);
        List<String> alerts = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().extract().jsonPath().getList("alerts.kind");
        assertEquals(2, alerts.stream().filter("CONNECTED_PERSON_PAYEE"::equals).count(), alerts.toString());
    }

    @Test
    void aSmallOneOffPaymentBeforeAPlanIsAllowedUpToTheLimit() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String nhsMoney = budget(personId).getString("contributions.find { it.agency == 'NHS' }.contributionId");
        String request = "{\"personId\": \"%s\", \"contributionId\": \"%s\", \"reference\": \"%s\", "
                + "\"category\": \"%s\", \"payee\": \"Oldham Mobility\", \"amountPence\": %d, "
                + "\"paidOn\": \"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\"}";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String yearStart = java.time.LocalDate.of(today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1,
                4, 1).toString();
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "big", "EQUIPMENT", 30_000))
                .post("/api/plans/one-off-payments").then().statusCode(409).body("error", containsString("at most £250.00"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "bet", "GAMBLING", 1_000))
                .post("/api/plans/one-off-payments").then().statusCode(409).body("error", containsString("never"));
        String first = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "grab-rail", "EQUIPMENT", 12_000))
                .post("/api/plans/one-off-payments").then().statusCode(200).extract().jsonPath().getString("id");
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "grab-rail", "EQUIPMENT", 12_000))
                .post("/api/plans/one-off-payments").then().statusCode(200).body("id", equalTo(first));
        assertEquals(12_000, budget(personId).getLong("totals.paidPence"));
        // the limit is per person per financial year: £120 paid, so £140 more is too much, £130 is not
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "chair", "EQUIPMENT", 14_000))
                .post("/api/plans/one-off-payments").then().statusCode(409)
                .body("error", containsString("£120.00 was paid since " + yearStart));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "chair", "EQUIPMENT", 13_000))
                .post("/api/plans/one-off-payments").then().statusCode(200);
        assertEquals(25_000, budget(personId).getLong("totals.paidPence"));
        // and not dated into another financial year to start afresh
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(request.formatted(personId, nhsMoney, "backdated", "EQUIPMENT", 5_000)
                        .replace(today.toString(), today.minusYears(1).toString()))
                .post("/api/plans/one-off-payments").then().statusCode(422)
                .body("error", containsString("paidOn: a one-off payment before a plan is made in this financial year"));
    }

    @Test
    void theSameOneOffPaymentSentTwiceAtOnceIsPaidOnceAndBothAnswersSaySo() throws Exception {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String nhsMoney = budget(personId).getString("contributions.find { it.agency == 'NHS' }.contributionId");
        String request = "{\"personId\": \"" + personId + "\", \"contributionId\": \"" + nhsMoney + "\", "
                + "\"reference\": \"double-click\", \"category\": \"EQUIPMENT\", \"payee\": \"Oldham Mobility\", "
                + "\"amountPence\": 9000, \"paidOn\": \"" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))
                + "\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<io.restassured.response.Response>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                            .body(request).post("/api/plans/one-off-payments");
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : sent) {
                io.restassured.response.Response r = answer.get();
                assertEquals(200, r.statusCode(), r.asString());
                ids.add(r.jsonPath().getString("id"));
            }
            assertEquals(1, ids.size(), "every answer names the one payment: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(9_000, budget(personId).getLong("totals.paidPence"), "paid once");
    }

    @Test
    void whenAFunderWithdrawsItsLinesMoveToOtherAllowedMoneyOrWaitForReplanning() {
        String nhs = newNhsNumber();
        String budgetId = "PHB-W-" + UUID.randomUUID();
        String personId = personWithNhsAndCouncilMoney(nhs, budgetId);
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(
                        line("PERSONAL_ASSISTANT", "Personal assistant", "Sue Patel", "WEEKLY", 10_000, 0),
                        line("NURSING", "District nurse top-up", "Nurses Ltd", "WEEKLY", 5_000, 0))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        for (int n = 1; n <= 2; n++) {
            given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON).body("{}")
                    .post("/api/plans/" + planId + "/lines/" + n + "/approve").then().statusCode(200);
        }

        // the trust withdraws the first budget it pushed (entered in error)
        var withdrawn = BudgetBundles.push(nhs, "RR8", budgetId, "18250.00");
        ((org.hl7.fhir.r4.model.Account) withdrawn.getEntry().get(2).getResource())
                .setStatus(org.hl7.fhir.r4.model.Account.AccountStatus.ENTEREDINERROR);
        Fhir.clientFor("trust").transaction().withBundle(withdrawn).execute();

        JsonPath plan = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + planId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("APPROVED", "REPLAN"), plan.getList("lines.status"));
        assertEquals("SOCIAL_CARE", plan.getString("lines[0].agency"), "personal assistance moved to council money");
        JsonPath money = budget(personId);
        long nhsCommitted = money.getLong("contributions.find { it.agency == 'NHS' && it.status == 'WITHDRAWN' }"
                + ".committedPence");
        assertEquals(0, nhsCommitted, "nothing stays committed against withdrawn money");
        assertEquals(0, money.getLong("contributions.find { it.agency == 'NHS' && it.status == 'WITHDRAWN' }"
                + ".confirmedPence"));
        assertEquals(520_000, money.getLong("contributions.find { it.agency == 'SOCIAL_CARE' }.committedPence"));
        List<String> alerts = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().extract().jsonPath().getList("alerts.kind");
        assertEquals(true, alerts.contains("COMMITMENT_MOVED") && alerts.contains("REPLAN_NEEDED"), alerts.toString());
    }

    @Test
    void spendingFarFromPlanForMonthsRaisesAnAlertAndBackWithinPlanClosesIt() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Out and about", "lines", List.of(
                        line("COMMUNITY_ACTIVITY", "Allotment society", "Oldham Allotments", "WEEKLY", 1_000, 0))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(200);
        String fourMonthsOn = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(4).toString();

        // £520.00 a year: four months in, £173.33 was planned and nothing was paid
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body(Map.of("asOf", fourMonthsOn)).post("/api/plans/spend-check").then().statusCode(200);
        assertEquals(List.of("UNDERSPEND"), alertsOf(personId, "SPEND"));

        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"jan\", \"amountPence\": 16000, \"paidOn\": \"2027-01-01\"}")
                .post("/api/plans/" + planId + "/lines/1/payments").then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body(Map.of("asOf", fourMonthsOn)).post("/api/plans/spend-check").then().statusCode(200);
        assertEquals(List.of(), alertsOf(personId, "SPEND"), "back within plan");

        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"feb\", \"amountPence\": 30000, \"paidOn\": \"2027-02-01\"}")
                .post("/api/plans/" + planId + "/lines/1/payments").then().statusCode(200);
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body(Map.of("asOf", fourMonthsOn)).post("/api/plans/spend-check").then().statusCode(200);
        assertEquals(List.of("OVERSPEND"), alertsOf(personId, "SPEND"));
    }

    @Test
    void aRevisionKeepsUnchangedApprovedLinesAndSendsOnlyWhatChangedBackToItsFunder() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String v1 = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Getting up and out in the mornings", "lines",
                        List.of(line("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel", "HOURLY",
                                1_400, 20),
                                line("COMMUNITY_ACTIVITY", "Allotment society", "Oldham Allotments", "WEEKLY", 3_000,
                                        0),
                                line("EQUIPMENT", "Shower chair", "Oldham Mobility", "ONE_OFF", 25_000, 1))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        decide(v1, 1, "trust", "approve", 200);
        decide(v1, 2, "council", "approve", 200);
        decide(v1, 3, "trust", "approve", 200);
        pay(v1, 1, "PA-week-48", 28_000, 200);
        pay(v1, 2, "allotment-nov", 3_000, 200);

        // life changes: more time at the allotment, the chair is no longer needed, swimming is new
        JsonPath v2 = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("whatMatters", "Out of the house most days", "goals", "Swimming by the summer",
                        "lines", List.of(line("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel",
                                "HOURLY", 1_400, 20),
                                line("COMMUNITY_ACTIVITY", "Allotment society", "Oldham Allotments", "WEEKLY", 4_000,
                                        0),
                                line("COMMUNITY_ACTIVITY", "Swimming", "Oldham Leisure", "WEEKLY", 500, 0))))
                .post("/api/plans/" + v1 + "/revisions").then().statusCode(201).extract().jsonPath();
        String v2Id = v2.getString("id");
        assertEquals(2, v2.getInt("version"));
        assertEquals(List.of("UNCHANGED", "CHANGED", "NEW"), v2.getList("lines.change"));
        assertEquals(List.of("APPROVED", "PROPOSED", "PROPOSED"), v2.getList("lines.status"));
        assertEquals("trust", v2.getString("lines[0].decidedBy"), "the unchanged line keeps its funder's approval");
        assertEquals(List.of(28_000, 3_000, 0), v2.getList("lines.paidPence"), "what was paid this year still counts");
        assertEquals(List.of("Shower chair"), v2.getList("removedLines.description"));
        assertEquals(List.of(1, 2), v2.getList("lines.replacesLine").subList(0, 2));

        // only the unchanged line stays committed; the changed and dropped lines' commitments went back
        JsonPath money = budget(personId);
        assertEquals(1_456_000 - 28_000, money.getLong("totals.committedPence"));
        assertEquals(1_825_000 + 936_000 - 1_456_000 - 3_000, money.getLong("totals.availablePence"));

        // the old version is history: nothing more is decided or paid on it; a payment re-sent is not paid twice
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + v1).then().statusCode(200)
                .body("supersededBy", equalTo(v2Id));
        pay(v1, 1, "PA-week-49", 28_000, 409).body("error", containsString("replaced by version 2"));
        decide(v1, 2, "council", "refuse", 409);
        pay(v2Id, 1, "PA-week-48", 28_000, 200);
        JsonPath run = given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                {"payments": [
                  {"planId": "%1$s", "line": 1, "reference": "PA-week-50", "amountPence": 28000, "paidOn": "2026-12-14"},
                  {"planId": "%2$s", "line": 1, "reference": "PA-week-48", "amountPence": 28000, "paidOn": "2026-11-30"}]}"""
                .formatted(v1, v2Id)).post("/api/plans/payment-runs").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REFUSED", "REPEAT"), run.getList("results.status"),
                "the old version refuses; the new one knows what its line paid before the revision");
        decide(v2Id, 1, "trust", "approve", 409).body("error", containsString("already approved"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("whatMatters", "x", "lines", List.of(line("EQUIPMENT", "Chair", "Shop", "ONE_OFF", 100,
                        1)))).post("/api/plans/" + v1 + "/revisions").then().statusCode(409)
                .body("error", containsString("version 2"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "x", "lines", List.of(line("EQUIPMENT", "Chair",
                        "Shop", "ONE_OFF", 100, 1)))).post("/api/plans").then().statusCode(409)
                .body("error", containsString("revise it"));

        // the changed line is decided again by its funder and committed less what it already paid
        decide(v2Id, 2, "council", "approve", 200);
        money = budget(personId);
        assertEquals(1_456_000 - 28_000 + 208_000 - 3_000, money.getLong("totals.committedPence"));
        assertEquals(28_000 + 3_000, money.getLong("totals.paidPence"));

        // a revision that cannot be funded, or cuts a line below what it has paid, changes nothing
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("whatMatters", "x", "lines", List.of(
                        line("PERSONAL_ASSISTANT", "Personal assistant, mornings", "Sue Patel", "HOURLY", 1_400, 20),
                        line("COMMUNITY_ACTIVITY", "Allotment society", "Oldham Allotments", "ONE_OFF", 2_000, 1),
                        line("HOME_CARE", "Home care", "Care Co", "HOURLY", 2_500, 40))))
                .post("/api/plans/" + v2Id + "/revisions").then().statusCode(422)
                .body("problems.path", org.hamcrest.Matchers.hasItem("lines[2]"))
                .body("problems.reason", org.hamcrest.Matchers.hasItem(containsString(
                        "£30.00 has already been paid this year on line 2 of version 2")));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + v2Id).then().statusCode(200)
                .body("supersededBy", org.hamcrest.Matchers.nullValue());
        assertEquals(1_456_000 - 28_000 + 208_000 - 3_000, budget(personId).getLong("totals.committedPence"));
    }

    @Test
    void aPaymentRunPaysEachPaymentOrRefusesItAloneAndASecondSendingPaysNothing() throws Exception {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings and the allotment", "lines", List.of(
                        line("PERSONAL_ASSISTANT", "Personal assistant", "Sue Patel", "WEEKLY", 10_000, 0),
                        line("COMMUNITY_ACTIVITY", "Allotment society", "Oldham Allotments", "WEEKLY", 1_000, 0),
                        line("EQUIPMENT", "Shower chair", "Oldham Mobility", "ONE_OFF", 25_000, 1))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        decide(planId, 1, "trust", "approve", 200);
        decide(planId, 2, "council", "approve", 200);
        decide(planId, 3, "trust", "refuse", 200);
        pay(planId, 1, "PA-1", 10_000, 200);

        String run = """
                {"payments": [
                  {"planId": "%1$s", "line": 1, "reference": "PA-1", "amountPence": 10000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 1, "reference": "PA-2", "amountPence": 10000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 2, "reference": "AL-1", "amountPence": 1000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 2, "reference": "AL-1", "amountPence": 1000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 2, "reference": "AL-big", "amountPence": 60000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 3, "reference": "CH-1", "amountPence": 25000, "paidOn": "2026-12-04"},
                  {"planId": "%1$s", "line": 9, "reference": "X-1", "amountPence": 100, "paidOn": "2026-12-04"}]}"""
                .formatted(planId);
        JsonPath answer = given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(run)
                .post("/api/plans/payment-runs").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REPEAT", "PAID", "PAID", "REPEAT", "REFUSED", "REFUSED", "REFUSED"),
                answer.getList("results.status"));
        assertEquals(2, answer.getInt("paid"));
        assertEquals("£600.00 would take line 2 past its £520.00 a year (£10.00 paid already in 2026/27)",
                answer.getString("results[4].reason"));
        assertEquals("line 3 is refused: only an approved line can be paid", answer.getString("results[5].reason"));
        assertEquals("no plan " + planId + " with a line 9", answer.getString("results[6].reason"));
        assertEquals(answer.getLong("results[2].postingId"), answer.getLong("results[3].postingId"));

        JsonPath money = budget(personId);
        assertEquals(10_000 + 10_000 + 1_000, money.getLong("totals.paidPence"));
        assertEquals(List.of(20_000, 1_000, 0), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/plans/" + planId).then().extract().jsonPath().getList("lines.paidPence"));
        assertEquals(2, alertsOf(personId, "PAYMENT_REFUSED").size(), "the refusals on approved and refused lines");

        // the run sent again pays nothing more
        JsonPath again = given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(run)
                .post("/api/plans/payment-runs").then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("paid"));
        assertEquals(10_000 + 10_000 + 1_000, budget(personId).getLong("totals.paidPence"));

        // six runs racing on one line, sixty £10.00 payments against the £510.00 left of its £520.00: exactly 51 paid
        java.util.concurrent.ExecutorService racing = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
        for (int r = 0; r < 6; r++) {
            int race = r;
            runs.add(racing.submit(() -> {
                StringBuilder body = new StringBuilder("{\"payments\": [");
                for (int p = 0; p < 10; p++) {
                    body.append(p == 0 ? "" : ", ").append("{\"planId\": \"").append(planId).append("\", \"line\": 2,"
                            + " \"reference\": \"race-").append(race).append('-').append(p)
                            .append("\", \"amountPence\": 1000, \"paidOn\": \"2026-12-11\"}");
                }
                return given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                        .body(body.append("]}").toString()).post("/api/plans/payment-runs").then().statusCode(200)
                        .extract().jsonPath().getInt("paid");
            }));
        }
        int paid = 0;
        for (var r : runs) {
            paid += r.get();
        }
        racing.shutdown();
        assertEquals(51, paid);
        assertEquals(List.of(20_000, 52_000, 0), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/plans/" + planId).then().extract().jsonPath().getList("lines.paidPence"));
    }

    @Test
    void moneyThatComesBackReturnsToTheLineAndAFunderMayClawBackWhatIsNotCommitted() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(
                        line("PERSONAL_ASSISTANT", "Personal assistant", "Sue Patel", "WEEKLY", 10_000, 0))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        decide(planId, 1, "trust", "approve", 200);
        pay(planId, 1, "PA-1", 30_000, 200);
        String refund = "{\"reference\": \"%s\", \"paymentReference\": \"PA-1\", \"amountPence\": %d,"
                + " \"receivedOn\": \"2026-12-07\", \"reason\": \"%s\"}";
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(refund.formatted("R-1", 40_000, "overpaid")).post("/api/plans/" + planId + "/lines/1/refunds")
                .then().statusCode(409).body("error", containsString("payment PA-1 was £300.00"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(refund.formatted("R-1", 10_000, "overpaid").replace("PA-1", "PA-9"))
                .post("/api/plans/" + planId + "/lines/1/refunds").then().statusCode(422)
                .body("error", containsString("no payment PA-9"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body(refund.formatted("R-1", 10_000, "")).post("/api/plans/" + planId + "/lines/1/refunds")
                .then().statusCode(422);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                    .body(refund.formatted("R-1", 10_000, "Sue was on leave a week"))
                    .post("/api/plans/" + planId + "/lines/1/refunds").then().statusCode(200);
        }
        JsonPath money = budget(personId);
        assertEquals(20_000, money.getLong("totals.paidPence"), "refunded once, though sent twice");
        assertEquals(520_000 - 20_000, money.getLong("totals.committedPence"), "back to the line it was paid from");
        assertEquals(20_000, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + planId)
                .then().extract().jsonPath().getLong("lines[0].paidPence"));

        // what came back may be paid again, but pay, refund and pay again stay within the yearly cost
        pay(planId, 1, "PA-2", 500_000, 200);
        pay(planId, 1, "PA-3", 1, 409).body("error", equalTo("£0.01 would take line 1 past its £5200.00 a year"
                + " (£5200.00 paid already in 2026/27)"));
        assertEquals(0, budget(personId).getLong("contributions.find { it.agency == 'NHS' }.committedPence"));

        // the trust claws back part of what is neither committed nor paid
        String nhsMoney = budget(personId).getString("contributions.find { it.agency == 'NHS' }.contributionId");
        long available = budget(personId).getLong("contributions.find { it.agency == 'NHS' }.availablePence");
        String clawback = "{\"reference\": \"%s\", \"amountPence\": %d, \"reason\": \"direct payment audit:"
                + " surplus\"}";
        // RM3 has nothing to do with this person: for it, the person (and their money) does not exist
        given().auth().oauth2(DemoTokens.of("trust2")).contentType(ContentType.JSON)
                .body(clawback.formatted("AUD-1", 1_000)).post("/api/funders/RR8/contributions/" + nhsMoney
                        + "/clawbacks").then().statusCode(404);
        given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON)
                .body(clawback.formatted("AUD-1", available + 1)).post("/api/funders/RR8/contributions/" + nhsMoney
                        + "/clawbacks").then().statusCode(409);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(DemoTokens.of("trust")).contentType(ContentType.JSON)
                    .body(clawback.formatted("AUD-2", 100_000)).post("/api/funders/RR8/contributions/" + nhsMoney
                            + "/clawbacks").then().statusCode(200).body("amountPence", equalTo(1_825_000 - 100_000));
        }
        money = budget(personId);
        assertEquals(available - 100_000, money.getLong("contributions.find { it.agency == 'NHS' }.availablePence"));
        assertEquals(1_825_000 - 100_000, money.getLong("contributions.find { it.agency == 'NHS' }.confirmedPence"));
        List<String> kinds = money.getList("postings.findAll { it.contributionId == '" + nhsMoney + "' }.kind");
        assertEquals(true, kinds.containsAll(List.of("REFUND", "CLAWBACK")), kinds.toString());
    }

    private static io.restassured.response.ValidatableResponse decide(String planId, int line, String user,
            String decision, int status) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(ContentType.JSON)
                .body("{\"reason\": \"as agreed with the family\"}")
                .post("/api/plans/" + planId + "/lines/" + line + "/" + decision).then().statusCode(status);
    }

    private static io.restassured.response.ValidatableResponse pay(String planId, int line, String reference,
            long pence, int status) {
        return given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"%s\", \"amountPence\": %d, \"paidOn\": \"2026-11-30\"}"
                        .formatted(reference, pence)).post("/api/plans/" + planId + "/lines/" + line + "/payments")
                .then().statusCode(status);
    }

    private static List<String> alertsOf(String personId, String containing) {
        List<String> kinds = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().extract().jsonPath().getList("alerts.kind");
        return kinds.stream().filter(k -> k.contains(containing)).toList();
    }

    @Test
    void hoursAreHeldAsDraftedAndUnitsAKindCannotHonourAreRefused() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        Map<String, Object> fullTime = new java.util.HashMap<>(line("PERSONAL_ASSISTANT", "Personal assistant, full"
                + " time", "Sue Patel", "HOURLY", 600, 1));
        fullTime.put("units", new java.math.BigDecimal("37.5"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(fullTime,
                        line("EQUIPMENT", "Shower chair", "Oldham Mobility", "ONE_OFF", 25_000, 0))))
                .post("/api/plans").then().statusCode(422).body("problems[0].path", equalTo("lines[2].units"))
                .body("problems[0].reason", equalTo("give how many, a whole number of 1 or more"));
        JsonPath plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(fullTime)))
                .post("/api/plans").then().statusCode(201).extract().jsonPath();
        assertEquals(1_170_000, plan.getInt("lines[0].annualPence"), "£6.00 x 37.5 hours x 52 weeks");
        assertEquals(37.5f, plan.getFloat("lines[0].units"));
        assertEquals(true, plan.getString("lines[0].fundingExplanation").startsWith("£6.00 an hour x 37.5 hours a"
                + " week x 52 weeks = £11700.00"), plan.getString("lines[0].fundingExplanation"));
    }

    @Test
    void aWeeklyLinePaidEveryWednesdayOf2026To27IsCostedAndPaidFor53Weeks() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        Map<String, Object> wednesdays = new java.util.HashMap<>(line("COMMUNITY_ACTIVITY", "Wednesday club",
                "Oldham Allotments", "WEEKLY", 3_000, 1));
        wednesdays.put("payDay", "WEDNESDAY");
        Map<String, Object> chair = new java.util.HashMap<>(line("EQUIPMENT", "Shower chair", "Oldham Mobility",
                "ONE_OFF", 25_000, 1));
        chair.put("payDay", "MONDAY");
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Out midweek", "lines", List.of(wednesdays, chair)))
                .post("/api/plans").then().statusCode(422).body("problems[0].path", equalTo("lines[2].payDay"));

        JsonPath plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Out midweek", "lines", List.of(wednesdays)))
                .post("/api/plans").then().statusCode(201).extract().jsonPath();
        assertEquals(159_000, plan.getInt("lines[0].annualPence"), "£30.00 x 53 Wednesdays, not x 52");
        assertEquals("WEDNESDAY", plan.getString("lines[0].payDay"));
        org.junit.jupiter.api.Assertions.assertTrue(plan.getString("lines[0].fundingExplanation").startsWith("£30.00 a week x 53 weeks = £1590.00"
                + " (53 Wednesdays in 2026/27)"), plan.getString("lines[0].fundingExplanation"));
        String planId = plan.getString("id");
        decide(planId, 1, "council", "approve", 200);
        // the 53rd Wednesday's payment is within the line's cost for the year
        pay(planId, 1, "wednesdays-1-to-52", 156_000, 200);
        pay(planId, 1, "wednesday-53", 3_000, 200);
        pay(planId, 1, "wednesday-54", 3_000, 409);
        // revised unchanged: the line keeps its approval and its pay day
        JsonPath revised = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Out midweek, and Sundays too", "lines",
                        List.of(wednesdays))).post("/api/plans/" + planId + "/revisions").then().statusCode(201)
                .extract().jsonPath();
        assertEquals("UNCHANGED", revised.getString("lines[0].change"));
        assertEquals("WEDNESDAY", revised.getString("lines[0].payDay"));
        assertEquals(159_000, revised.getInt("lines[0].annualPence"));
    }

    @Test
    void aPlanBeyondThePooledBudgetIsRefusedWithTheReason() {
        String personId = personWithNhsAndCouncilMoney(newNhsNumber());
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Living at home", "lines", List.of(
                        line("HOME_CARE", "Home care, four visits a day", "Care Co", "HOURLY", 2_500, 40))))
                .post("/api/plans").then().statusCode(422)
                .body("problems[0].path", equalTo("lines[1].annualPence"))
                .body("problems[0].reason", containsString("£52000.00 is more than the pooled budget can give"));
    }
}
