package org.joinedup.hub.plan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import org.joinedup.hub.platform.Today;
import org.joinedup.hub.support.CouncilEvents;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.model.FinancialYear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plan across the end of a financial year (1 April to 31 March), through the real APIs: the hub stands on a day
 * in March of last year, then on a day in April of this one. A line's yearly cost is a cap for each year, not for
 * ever; year end runs only once the year is over, settles what each line had left and moves it on to the next year's
 * money, or sends it back for re-planning.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class FinancialYearsTest {

    /** Last year, by the real date: its year end may run, and this year's may not. */
    private static final FinancialYear LAST = FinancialYear.of(LocalDate.now(FinancialYear.UK)).previous();

    private static final LocalDate IN_MARCH = LAST.end().minusDays(20);

    private static final LocalDate IN_APRIL = LAST.next().start().plusDays(5);

    @Inject
    Today today;

    @AfterEach
    void theRealDateAgain() {
        today.unpin();
    }

    @Test
    void aPlanPaysIntoItsSecondYearOnceYearEndHasMovedItOntoThatYearsMoney() {
        today.pin(IN_MARCH);
        String nhs = newNhsNumber();
        allocation(nhs, "last", 520_000, LAST);
        allocation(nhs, "this", 600_000, LAST.next());
        String personId = personWithMoney(nhs, 520_000 + 600_000);
        String lastYears = contributionOf(personId, 520_000);
        String thisYears = contributionOf(personId, 600_000);

        JsonPath plan = draft(personId, 10_000).statusCode(201).extract().jsonPath();
        String planId = plan.getString("id");
        assertEquals(lastYears, plan.getString("lines[0].contributionId"), "in March, March's money pays");
        assertEquals(LAST.toString(), plan.getString("lines[0].moneyYear"));
        decide(planId, 1);

        pay(planId, 1, "W-1", 400_000, IN_MARCH.minusDays(5)).statusCode(200);
        pay(planId, 1, "W-2", 150_000, IN_MARCH).statusCode(409)
                .body("error", equalTo("£1500.00 would take line 1 past its £5200.00 a year (£4000.00 paid already"
                        + " in " + LAST + ")"));
        pay(planId, 1, "W-3", 10_000, LAST.next().start()).statusCode(409)
                .body("error", containsString("a payment dated " + LAST.next().start() + " waits for the year end"
                        + " of " + LAST));
        yearEnd(personId, LAST).statusCode(409)
                .body("error", equalTo("financial year " + LAST + " ends on " + LAST.end() + ": its year end can run"
                        + " from " + LAST.next().start() + " (UK time)"));

        today.pin(IN_APRIL);
        yearEnd(personId, LAST).statusCode(200).body("linesRenewed", equalTo(1)).body("linesToReplan", equalTo(0))
                .body("returnedPence", equalTo(120_000)).body("carriedForwardPence", equalTo(0));
        yearEnd(personId, LAST).statusCode(200).body("linesRenewed", equalTo(0)).body("returnedPence", equalTo(0));

        plan = plan(planId);
        assertEquals(LAST.next().toString(), plan.getString("lines[0].moneyYear"));
        assertEquals(thisYears, plan.getString("lines[0].contributionId"));
        assertEquals(0, plan.getLong("lines[0].paidPence"), "a new year starts from nothing paid");
        assertEquals(List.of(Map.of("financialYear", LAST.toString(), "outcome", "RELEASED", "leftPence", 120_000,
                "fromContributionId", lastYears, "intoContributionId", thisYears)), plan.getList("lines[0].yearEnds"));
        assertTrue(plan.getString("lines[0].fundingExplanation").endsWith("; from " + LAST.next().start()
                + " paid by E08000004 A-this-" + nhs + " (" + LAST.next() + ")"), plan.getString(
                        "lines[0].fundingExplanation"));
        JsonPath money = budget(personId);
        assertEquals(List.of(0, 0, 400_000), List.of(money.getInt(balance(lastYears, "availablePence")),
                money.getInt(balance(lastYears, "committedPence")), money.getInt(balance(lastYears, "paidPence"))),
                "last year's money: what it paid, and the rest back to the council");
        assertEquals(List.of(80_000, 520_000), List.of(money.getInt(balance(thisYears, "availablePence")),
                money.getInt(balance(thisYears, "committedPence"))), "this year's money holds the line's year");

        // the council's statement counts each movement on the day the money moved, in UK time, not when it was posted
        JsonPath lastYear = statement(LAST.start(), LAST.end());
        assertEquals(List.of(400_000, 0, 400_000), List.of(lastYear.getInt(line(lastYears, "confirmedPence")),
                lastYear.getInt(line(lastYears, "committedPence")), lastYear.getInt(line(lastYears, "paidPence"))),
                "last year: £5,200 confirmed less £1,200 given back; paid £4,000; nothing left committed");
        assertEquals(600_000, lastYear.getInt(line(thisYears, "confirmedPence")), "confirmed in March");
        assertEquals(0, lastYear.getInt(line(thisYears, "committedPence")), "the line's new year starts in April");
        JsonPath firstDays = statement(LAST.next().start(), LAST.next().start());
        assertEquals(520_000, firstDays.getInt(line(thisYears, "committedPence")), "committed on 1 April");
        assertEquals(null, firstDays.getString(line(lastYears, "paidPence")), "last year's money moved on no April day");

        // a late invoice for March: last year's money was settled, so the line does not pay it
        pay(planId, 1, "W-4", 10_000, LAST.end()).statusCode(409)
                .body("error", containsString(LAST + " money was settled at year end"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"R-1\", \"paymentReference\": \"W-1\", \"amountPence\": 1000, \"receivedOn\":"
                        + " \"" + IN_APRIL + "\", \"reason\": \"overpaid in March\"}")
                .post("/api/plans/" + planId + "/lines/1/refunds").then().statusCode(409)
                .body("error", containsString("was paid from " + LAST + " money, which year end settled"));
        // the second year pays up to its own cap, though the line has paid more than that in all
        pay(planId, 1, "W-5", 500_000, IN_APRIL).statusCode(200);
        assertEquals(500_000, plan(planId).getLong("lines[0].paidPence"));

        // a revision is measured against this year's payments, not every year's
        plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(weekly(11_000))))
                .post("/api/plans/" + planId + "/revisions").then().statusCode(201).extract().jsonPath();
        String revised = plan.getString("id");
        assertEquals("CHANGED", plan.getString("lines[0].change"));
        assertEquals(LAST.next().toString(), plan.getString("lines[0].moneyYear"));
        assertTrue(plan.getString("lines[0].fundingExplanation").endsWith("(£5000.00 paid this year on the line it"
                + " replaces)"), plan.getString("lines[0].fundingExplanation"));
        decide(revised, 1);
        pay(revised, 1, "W-6", 72_000, IN_APRIL.plusDays(7)).statusCode(200);
        pay(revised, 1, "W-7", 1, IN_APRIL.plusDays(7)).statusCode(409)
                .body("error", containsString("past its £5720.00 a year (£5720.00 paid already in " + LAST.next()));
        assertEquals(500_000 + 72_000, statement(LAST.next().start(), LAST.next().end()).getInt(line(thisYears,
                "paidPence")));
    }

    @Test
    void aLineWithNoMoneyForTheNextYearWaitsForReplanningWithAnAlert() {
        today.pin(IN_MARCH);
        String nhs = newNhsNumber();
        allocation(nhs, "last", 300_000, LAST);
        String personId = personWithMoney(nhs, 300_000);
        String planId = draft(personId, 5_000).statusCode(201).extract().jsonPath().getString("id");
        decide(planId, 1);
        pay(planId, 1, "W-1", 40_000, IN_MARCH).statusCode(200);

        today.pin(IN_APRIL);
        yearEnd(personId, LAST).statusCode(200).body("linesRenewed", equalTo(0)).body("linesToReplan", equalTo(1))
                .body("returnedPence", equalTo(300_000 - 40_000));
        JsonPath plan = plan(planId);
        assertEquals("REPLAN", plan.getString("lines[0].status"));
        assertEquals(List.of("RELEASED"), plan.getList("lines[0].yearEnds.outcome"));
        assertEquals(null, plan.getString("lines[0].yearEnds[0].intoContributionId"));
        List<String> alerts = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().statusCode(200).extract().jsonPath()
                .getList("alerts.findAll { it.kind == 'REPLAN_NEEDED' }.detail");
        assertEquals(List.of("year end " + LAST + ": plan line 1 (Personal assistant) has no " + LAST.next()
                + " money from E08000004: the plan must be looked at again"), alerts);
        pay(planId, 1, "W-2", 5_000, IN_APRIL).statusCode(409)
                .body("error", containsString("only an approved line can be paid"));
        // nor is the plan revised onto money whose period has ended
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(weekly(5_000))))
                .post("/api/plans/" + planId + "/revisions").then().statusCode(422)
                .body("problems[0].reason", equalTo("no contribution to this budget may pay for PERSONAL_ASSISTANT"))
                .body("problems[1].reason", equalTo("not counted, as it does not pay on " + IN_APRIL + ": E08000004"
                        + " A-last-" + nhs + " pays from " + LAST.start() + " to " + LAST.end()));
    }

    private static void allocation(String nhs, String name, long pence, FinancialYear year) {
        CouncilEvents.allocationConfirmed(nhs, "Rhys", "A-" + name + "-" + nhs, pence, year.start(), year.end(),
                year.start().minusDays(10));
    }

    private static String personWithMoney(String nhs, long pence) {
        String personId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then().statusCode(200)
                .extract().jsonPath().getString("[0].id"), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> budget(personId).getLong("totals.confirmedPence")
                == pence);
        return personId;
    }

    private static String contributionOf(String personId, long confirmedPence) {
        return budget(personId).getString("contributions.find { it.confirmedPence == " + confirmedPence
                + " }.contributionId");
    }

    private static JsonPath statement(LocalDate from, LocalDate to) {
        return given().auth().oauth2(DemoTokens.of("council")).get("/api/funders/E08000004/statement?from=" + from
                + "&to=" + to).then().statusCode(200).extract().jsonPath();
    }

    private static String line(String contributionId, String field) {
        return "contributions.find { it.contributionId == '" + contributionId + "' }." + field;
    }

    private static String balance(String contributionId, String field) {
        return "contributions.find { it.contributionId == '" + contributionId + "' }." + field;
    }

    private static JsonPath budget(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/budget").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath plan(String planId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + planId).then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> weekly(long pence) {
        return Map.of("category", "PERSONAL_ASSISTANT", "description", "Personal assistant", "payee", "Ann Rees",
                "costKind", "WEEKLY", "unitPence", pence, "units", 0, "management", "DIRECT_PAYMENT");
    }

    private static ValidatableResponse draft(String personId, long weeklyPence) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Mornings", "lines", List.of(weekly(weeklyPence))))
                .post("/api/plans").then();
    }

    private static void decide(String planId, int line) {
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/" + line + "/approve").then().statusCode(200);
    }

    private static ValidatableResponse pay(String planId, int line, String reference, long pence, LocalDate paidOn) {
        return given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"%s\", \"amountPence\": %d, \"paidOn\": \"%s\"}".formatted(reference, pence,
                        paidOn))
                .post("/api/plans/" + planId + "/lines/" + line + "/payments").then();
    }

    private static ValidatableResponse yearEnd(String personId, FinancialYear year) {
        return given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body("{\"financialYear\": " + year.startYear() + ", \"personId\": \"" + personId + "\"}")
                .post("/api/budget/year-end").then();
    }
}
