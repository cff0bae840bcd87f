package org.joinedup.hub.budget;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.joinedup.hub.support.BudgetBundles.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.TestPeople;
import org.joinedup.model.FinancialYear;
import org.joinedup.model.ledger.Balances;
import org.joinedup.model.ledger.LedgerRefusal;
import org.junit.jupiter.api.Test;

/** The ledger through the real entry points (a trust's FHIR pushes, a council's events) and under racing payments. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class PooledBudgetLedgerTest {

    @Inject
    PooledBudgetLedger ledger;

    @Inject
    EntityManager em;

    @Inject
    ContributionBook book;

    private static String personWith(String nhs) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people?nhsNumber=" + nhs).then().statusCode(200).extract().jsonPath()
                .getString("[0].id"), id -> id != null);
    }

    private static JsonPath budget(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/budget").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aTrustsBudgetIsConfirmedRevisedAndWithdrawnInTheLedgerOncePerMessage() {
        String nhs = newNhsNumber();
        String budgetId = "PHB-L-" + UUID.randomUUID();
        Bundle first = push(nhs, "RR8", budgetId, "1000.00");
        Fhir.clientFor("trust").transaction().withBundle(first).execute();
        Fhir.clientFor("trust").transaction().withBundle(first).execute(); // redelivered: posts nothing
        String personId = personWith(nhs);
        JsonPath statement = budget(personId);
        assertEquals(100000, statement.getLong("totals.confirmedPence"));
        assertEquals(100000, statement.getLong("totals.availablePence"));
        assertEquals(List.of("CONTRIBUTION_CONFIRMED", "CONTRIBUTION_CONFIRMED"), statement.getList("postings.kind"));
        assertEquals(List.of(-100000, 100000), statement.getList("postings.pence"));
        assertTrue(statement.getString("postings[0].causedBy").length() > 0);
        assertTrue(statement.getLong("postings[0].messageId") > 0, "the message that caused it");

        Fhir.clientFor("trust").transaction().withBundle(push(nhs, "RR8", budgetId, "1200.00")).execute();
        statement = budget(personId);
        assertEquals(120000, statement.getLong("totals.confirmedPence"));
        assertEquals("CONTRIBUTION_REVISED", statement.getString("postings[2].kind"));
        assertEquals(20000, statement.getLong("postings[3].pence"));

        Bundle withdrawn = push(nhs, "RR8", budgetId, "1200.00");
        ((Account) withdrawn.getEntry().get(2).getResource()).setStatus(Account.AccountStatus.ENTEREDINERROR);
        Fhir.clientFor("trust").transaction().withBundle(withdrawn).execute();
        statement = budget(personId);
        assertEquals(0, statement.getLong("totals.confirmedPence"));
        assertEquals(0, statement.getLong("totals.availablePence"));
        assertEquals("CONTRIBUTION_WITHDRAWN", statement.getString("postings[4].kind"));
    }

    @Test
    void councilPaymentsArePostedOnceAndOneBeyondTheMoneyIsRefusedWithAnAlert() {
        String nhs = newNhsNumber();
        String client = "C-" + nhs;
        String allocation = "A-" + UUID.randomUUID();
        council(allocationEvent(client, nhs, allocation, 50_000));
        council(paymentEvent(client, nhs, allocation, "P-1-" + allocation, 42_050));
        String person = personWith(nhs);
        // events are applied by several consumers in any order: the next ones are sent once the first is posted
        await().atMost(Duration.ofSeconds(30)).until(() -> budget(person).getLong("totals.paidPence") == 42_050);
        council(paymentEvent(client, nhs, allocation, "P-1-" + allocation, 42_050)); // reported again
        council(paymentEvent(client, nhs, allocation, "P-2-" + allocation, 10_000)); // only £79.50 left
        council(paymentEvent(client, nhs, allocation, "P-3-" + allocation, 500).replace("PERSONAL_ASSISTANT",
                "GAMBLING")); // never allowed
        String personId = personWith(nhs);

        JsonPath statement = await().atMost(Duration.ofSeconds(30)).until(() -> budget(personId),
                b -> b.getList("postings.kind").contains("PAYMENT") && given().auth()
                        .oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId).then().extract()
                        .jsonPath().getList("alerts.findAll { it.kind == 'PAYMENT_REFUSED' }").size() == 2);
        assertEquals(50_000, statement.getLong("totals.confirmedPence"));
        assertEquals(42_050, statement.getLong("totals.paidPence"));
        assertEquals(7_950, statement.getLong("totals.availablePence"));
        assertEquals(1, statement.getList("postings.findAll { it.kind == 'PAYMENT' && it.pence > 0 }").size(),
                "the payment reported twice is posted once");
        List<String> refusals = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId)
                .then().extract().jsonPath().getList("alerts.findAll { it.kind == 'PAYMENT_REFUSED' }.detail");
        assertTrue(refusals.stream().anyMatch(r -> r.contains("£100.00 is more than the £79.50 available")),
                refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.contains("council adult social care money may never pay for "
                + "GAMBLING")), refusals.toString());
        // the refusals reach the FHIR record too, as Flags
        Bundle everything = Fhir.clientFor("coordinator").operation()
                .onInstance(new org.hl7.fhir.r4.model.IdType("Patient", personId)).named("$everything")
                .withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet().returnResourceType(Bundle.class)
                .execute();
        assertEquals(2, everything.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof org.hl7.fhir.r4.model.Flag flag
                        && "PAYMENT_REFUSED".equals(flag.getCode().getCodingFirstRep().getCode())).count());
    }

    @Test
    void aPaymentAboveTheStreamsCeilingIsRefusedWithTheReasonThoughTheMoneyIsThere() {
        String nhs = newNhsNumber();
        String client = "C-" + nhs;
        String allocation = "A-" + UUID.randomUUID();
        council(allocationEvent(client, nhs, allocation, 20_000_000));
        String person = personWith(nhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> budget(person).getLong("totals.confirmedPence") == 20_000_000);
        // £100,000.01: one penny above council adult social care's max-payment-pence, with £200,000 available
        council(paymentEvent(client, nhs, allocation, "P-BIG-" + allocation, 10_000_001));

        List<String> refusals = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person).then().extract().jsonPath()
                .<String>getList("alerts.findAll { it.kind == 'PAYMENT_REFUSED' }.detail"), r -> !r.isEmpty());
        assertTrue(refusals.get(0).contains("£100000.01 is more than the most one council adult social care payment"
                + " may be (£100000.00, max-payment-pence of funding rule council-adult-social-care)"), refusals.toString());
        assertEquals(0, budget(person).getLong("totals.paidPence"));
        assertEquals(20_000_000, budget(person).getLong("totals.availablePence"));
    }

    @Test
    void racingPaymentsCannotOverdraw() throws Exception {
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(push(nhs, "RR8", "PHB-R-" + UUID.randomUUID(), "100.00"))
                .execute();
        String personId = personWith(nhs);
        UUID contribution = UUID.fromString(budget(personId).getString("contributions[0].contributionId"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> payments = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                String key = "race-" + contribution + "-" + i;
                payments.add(pool.submit(() -> {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> ledger.pay(contribution, 1_000, "PERSONAL_CARE", false, key,
                                new PooledBudgetLedger.Cause("test", "racing payment", null)));
                        return true;
                    } catch (LedgerRefusal refused) {
                        return false;
                    }
                }));
            }
            int paid = 0;
            for (Future<Boolean> payment : payments) {
                paid += payment.get() ? 1 : 0;
            }
            assertEquals(10, paid, "£100.00 pays ten £10.00 payments and no more");
        } finally {
            pool.shutdownNow();
        }
        Balances after = QuarkusTransaction.requiringNew().call(() -> ledger.balances(contribution));
        assertEquals(new Balances(10_000, 0, 0, 10_000), after);
    }

    @Test
    void atYearEndAGrantsUnspentMoneyIsCarriedIntoNextYearsAndItsFundersRevisionsKeepIt() {
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(push(nhs, "RR8", "PHB-Y-" + UUID.randomUUID(), "100.00"))
                .execute();
        String personId = personWith(nhs);
        // a disabled facilities grant last year and this year: its rules let underspend carry forward
        FinancialYear last = FinancialYear.of(java.time.LocalDate.now(FinancialYear.UK)).previous();
        UUID lastYears = UUID.randomUUID();
        UUID thisYears = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into organisation (id, agency, code, name) values (gen_random_uuid(),"
                    + " 'HOUSING', 'YEAREND', 'Year end housing') on conflict do nothing").executeUpdate();
            for (Object[] c : new Object[][] { { lastYears, last, "DFG-1" }, { thisYears, last.next(), "DFG-2" } }) {
                FinancialYear year = (FinancialYear) c[1];
                em.createNativeQuery("insert into contribution (id, person_id, agency, funding_body_id, source_system,"
                        + " source_value, type, status, amount_pence, period_start, period_end, version) values (?1,"
                        + " ?2, 'HOUSING', (select id from organisation where code = 'YEAREND'), 'test', ?3, 'dfg',"
                        + " 'ACTIVE', 50000, ?4, ?5, 1)").setParameter(1, c[0])
                        .setParameter(2, UUID.fromString(personId)).setParameter(3, c[2] + "-" + lastYears)
                        .setParameter(4, year.start()).setParameter(5, year.end()).executeUpdate();
            }
        });
        for (UUID dfg : List.of(lastYears, thisYears)) {
            QuarkusTransaction.requiringNew().run(() -> ledger.fundingChanged(
                    em.find(Contribution.class, dfg), "CONFIRMED", new PooledBudgetLedger.Cause("test", "grant", null)));
        }
        QuarkusTransaction.requiringNew().run(() -> ledger.pay(lastYears, 20_000, "ADAPTATION", false,
                "y-" + lastYears, new PooledBudgetLedger.Cause("test", "a ramp", null)));

        // this year has not ended: its year end is refused, saying from when it can run
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body("{\"financialYear\": " + last.next().startYear() + ", \"personId\": \"" + personId + "\"}")
                .post("/api/budget/year-end").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("its year end can run from "
                        + last.next().next().start()));

        String request = "{\"financialYear\": " + last.startYear() + ", \"personId\": \"" + personId + "\"}";
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(request)
                .post("/api/budget/year-end").then().statusCode(403);
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON).body(request)
                .post("/api/budget/year-end").then().statusCode(200)
                .body("contributions", org.hamcrest.Matchers.equalTo(1))
                .body("returnedPence", org.hamcrest.Matchers.equalTo(0))
                .body("carriedForwardPence", org.hamcrest.Matchers.equalTo(30_000));
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON).body(request)
                .post("/api/budget/year-end").then().statusCode(200)
                .body("contributions", org.hamcrest.Matchers.equalTo(0));

        assertEquals(new Balances(20_000, 0, 0, 20_000), QuarkusTransaction.requiringNew().call(
                () -> ledger.balances(lastYears)), "last year's grant: confirmed is what was spent");
        assertEquals(80_000, QuarkusTransaction.requiringNew().call(() -> ledger.balances(thisYears)).available(),
                "the grant's underspend is carried into this year's");
        assertEquals(80_000, QuarkusTransaction.requiringNew().call(() -> em.find(Contribution.class, thisYears)
                .amountPence), "the contribution's amount says so too");
        assertEquals(List.of("CARRIED_FORWARD"), QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select change from contribution_revision where contribution_id = ?1 order by"
                        + " version").setParameter(1, thisYears).getResultList()));

        // the funder's later revisions of its own figure keep what was carried in
        long someMessage = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select max(id) from inbound_message").getSingleResult()).longValue());
        for (long revised : new long[] { 50_000, 60_000 }) {
            QuarkusTransaction.requiringNew().run(() -> {
                Contribution c = em.find(Contribution.class, thisYears);
                book.record(c, c.fundingBody, c.agency, new org.joinedup.hub.identity.SourceLink(c.person, null),
                        c.sourceSystem, c.sourceValue, new ContributionBook.Terms("dfg", c.status,
                                new org.joinedup.model.Pence(revised), c.periodStart, c.periodEnd, null), null,
                        someMessage, "test");
            });
            assertEquals(revised + 30_000, QuarkusTransaction.requiringNew().call(() -> ledger.balances(thisYears))
                    .confirmed(), "the funder's " + revised + " and the 30,000 carried in");
        }
    }

    @Test
    void theLedgerIsAppendOnlyAndAPostingThatDoesNotBalanceIsRefused() {
        RuntimeException changed = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update ledger_entry set pence = pence + 1").executeUpdate()));
        assertTrue(rootMessage(changed).contains("append-only"), rootMessage(changed));
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(push(nhs, "RR8", "PHB-U-" + UUID.randomUUID(), "10.00"))
                .execute();
        UUID contribution = UUID.fromString(budget(personWith(nhs)).getString("contributions[0].contributionId"));
        RuntimeException unbalanced = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    Number posting = (Number) em.createNativeQuery("insert into ledger_posting (kind, idempotency_key,"
                            + " caused_by, reason) values ('PAYMENT', ?1, 'test', 'one-sided') returning id")
                            .setParameter(1, "unbalanced-" + contribution).getSingleResult();
                    em.createNativeQuery("insert into ledger_entry (posting_id, contribution_id, account, pence)"
                            + " values (?1, ?2, 'PAID', 500)").setParameter(1, posting.longValue())
                            .setParameter(2, contribution).executeUpdate();
                }));
        assertTrue(rootMessage(unbalanced).contains("does not balance"), rootMessage(unbalanced));
        // a posting's entries are written together: one half now and the other half later is refused too
        RuntimeException split = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    Number posting = (Number) em.createNativeQuery("insert into ledger_posting (kind, idempotency_key,"
                            + " caused_by, reason) values ('PAYMENT', ?1, 'test', 'in two halves') returning id")
                            .setParameter(1, "split-" + contribution).getSingleResult();
                    for (String half : new String[] { "('AVAILABLE', -500)", "('PAID', 500)" }) {
                        em.createNativeQuery("insert into ledger_entry (posting_id, contribution_id, account, pence)"
                                + " select ?1, ?2, a, p from (values " + half + ") v (a, p)")
                                .setParameter(1, posting.longValue()).setParameter(2, contribution).executeUpdate();
                    }
                }));
        assertTrue(rootMessage(split).contains("does not balance"), rootMessage(split));
        assertEquals(1000, QuarkusTransaction.requiringNew().call(() -> ledger.balances(contribution)).available());
    }

    /** Every message in the chain, causes and suppressed ones (the transaction manager keeps the database's there). */
    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        collect(t, all, 0);
        return all.toString();
    }

    private static void collect(Throwable t, StringBuilder all, int depth) {
        if (t == null || depth > 20) {
            return;
        }
        all.append(t.getMessage()).append(" | ");
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, all, depth + 1);
        }
        collect(t.getCause(), all, depth + 1);
    }

    private static void council(String event) {
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(event)
                .post("/api/inbound/social-care/events").then().statusCode(202);
    }

    private static String client(String client, String nhs) {
        return "{\"clientId\": \"%s\", \"nhsNumber\": \"%s\", \"forename\": \"Dave\", \"surname\": \"Hughes\", \"dateOfBirth\": \"%s\"}"
                .formatted(client, nhs, TestPeople.birthDateOf(nhs));
    }

    private static String allocationEvent(String client, String nhs, String allocation, long pence) {
        return """
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": %s,
                 "allocation": {"allocationId": "%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": %d,
                                "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID(), client(client, nhs), allocation, pence);
    }

    private static String paymentEvent(String client, String nhs, String allocation, String paymentId, long pence) {
        return """
                {"eventId": "%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-24T10:00:00Z", "council": "E08000004",
                 "client": %s,
                 "payment": {"paymentId": "%s", "allocationId": "%s", "amountPence": %d, "paidOn": "2026-11-24",
                             "payee": "Oldham Personal Assistants Ltd", "category": "PERSONAL_ASSISTANT"}}"""
                .formatted(UUID.randomUUID(), client(client, nhs), paymentId, allocation, pence);
    }
}
