package org.joinedup.hub.socialcare;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;

import java.time.Duration;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.TestPeople;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** A council's case management system posts events through {@code POST /api/inbound/social-care/events}. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class SocialCareEventsTest {

    private static final String OLDHAM = "E08000004";

    @Test
    void anAllocationBecomesACouncilContributionOnTheSamePersonAsTheirNhsBudget() {
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(),
                "1000.00")).execute();
        String eventId = UUID.randomUUID().toString();

        post(allocation(eventId, "C-" + nhs, nhs, "A-" + eventId, 1_250_000, "2026-11-20T09:00:00Z"))
                .then().statusCode(202).body("eventId", equalTo(eventId)).body("status", equalTo("ACCEPTED"));

        JsonPath person = awaitPerson(nhs, p -> p.getList("contributions").size() == 2);
        assertEquals(List.of("NHS", "SOCIAL_CARE"), person.getList("contributions.agency"));
        assertEquals(1_250_000L, person.getLong("contributions.find { it.agency == 'SOCIAL_CARE' }.amountPence"));
        assertEquals("ADULT_SOCIAL_CARE", person.getString("contributions.find { it.agency == 'SOCIAL_CARE' }.type"));
        assertEquals(OLDHAM, person.getString("contributions.find { it.agency == 'SOCIAL_CARE' }.fundingBodyCode"));
    }

    @Test
    void aRepeatedEventIdAnswersAsTheFirstTimeAndChangesNothing() {
        String nhs = newNhsNumber();
        String eventId = UUID.randomUUID().toString();
        String event = allocation(eventId, "C-" + nhs, nhs, "A-" + eventId, 500_000, "2026-11-20T09:00:00Z");
        post(event).then().statusCode(202);

        post(event).then().statusCode(200).body("status", equalTo("ACCEPTED")).body("repeat", equalTo(true));

        JsonPath person = awaitPerson(nhs, p -> p.getList("contributions").size() == 1);
        assertEquals(1, person.getInt("contributions[0].version"));
    }

    @Test
    void anOlderRevisionArrivingLateDoesNotUndoANewerOne() {
        String nhs = newNhsNumber();
        String allocationId = "A-" + UUID.randomUUID();
        post(allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 900_000, "2026-11-22T09:00:00Z"))
                .then().statusCode(202);
        awaitPerson(nhs, p -> p.getList("contributions").size() == 1);

        post(allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 700_000, "2026-11-21T09:00:00Z"))
                .then().statusCode(202);
        post(allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 950_000, "2026-11-23T09:00:00Z"))
                .then().statusCode(202);

        JsonPath person = awaitPerson(nhs, p -> p.getLong("contributions[0].amountPence") == 950_000L);
        assertEquals(2, person.getInt("contributions[0].version"), "the late, older revision was not applied");
    }

    @Test
    void anAllocationAboveTheStreamsCeilingIsRefusedAtTheDoorNamingTheField() {
        String nhs = newNhsNumber();
        String event = """
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-%s", "nhsNumber": "%s", "forename": "Ann",
                 "surname": "Lee", "dateOfBirth": "1970-01-01"},
                 "allocation": {"allocationId": "A-%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": %d,
                   "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}""";
        // £1,000,000.01: one penny above council adult social care's max-contribution-pence
        JsonPath answer = post(event.formatted(UUID.randomUUID(), nhs, nhs, nhs, 100_000_001L)).then()
                .statusCode(400).body("status", equalTo("REJECTED")).extract().jsonPath();
        assertEquals(List.of("allocation.annualAmountPence"), answer.getList("problems.path"));
        assertEquals("£1000000.01 is more than the most one council adult social care contribution may be"
                + " (£1000000.00, max-contribution-pence of funding rule council-adult-social-care)",
                answer.getString("problems[0].reason"));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).body("size()", equalTo(0));

        post(event.formatted(UUID.randomUUID(), nhs, nhs, nhs, 100_000_000L)).then().statusCode(202);
    }

    @Test
    void aBadEventGetsEveryProblemWithItsFieldPath() {
        String event = """
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "yesterday", "council": "E08000004",
                 "client": {"clientId": "C-1"},
                 "allocation": {"allocationId": "A-1", "department": "LIBRARIES", "annualAmountPence": 12.5,
                                "periodStart": "2026-04-01", "periodEnd": "2026-03-31", "management": "MANAGED"}}"""
                .formatted(UUID.randomUUID());

        JsonPath answer = post(event).then().statusCode(400).body("status", equalTo("REJECTED"))
                .extract().jsonPath();

        List<String> paths = answer.getList("problems.path");
        assertTrue(paths.containsAll(List.of("occurredAt", "allocation.department", "allocation.annualAmountPence",
                "allocation.periodEnd")), paths.toString());
        assertTrue(answer.getString("problems.find { it.path == 'allocation.annualAmountPence' }.reason")
                .contains("whole number of pence"));
    }

    @Test
    void notJsonAtAllIsRejectedAndKept() {
        post("{\"eventId\": ").then().statusCode(400).body("problems[0].path", equalTo("$"));
        given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/messages?agency=SOCIAL_CARE&status=REJECTED")
                .then().statusCode(200).body("reasons.flatten()", hasItem(org.hamcrest.Matchers.startsWith("$: not valid JSON")));
    }

    @Test
    void aCouncilMayPostOnlyAboutItself() {
        String event = allocation(UUID.randomUUID().toString(), "C-1", null, "A-x", 100, "2026-11-20T09:00:00Z")
                .replace(OLDHAM, "E09000001");
        post(event).then().statusCode(403).body("problems[0].path", equalTo("council"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(event)
                .post("/api/inbound/social-care/events").then().statusCode(403);
        given().contentType(ContentType.JSON).body(event).post("/api/inbound/social-care/events")
                .then().statusCode(401);
    }

    @Test
    void anInvalidNhsNumberIsNeverUsedToLinkButTheEventIsKept() {
        String bad = BudgetBundles.withWrongCheckDigit(newNhsNumber());
        String clientId = "C-" + UUID.randomUUID();
        post(allocation(UUID.randomUUID().toString(), clientId, bad, "A-" + clientId, 100_000, "2026-11-20T09:00:00Z"))
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedMessages() .stream()
                .anyMatch(m -> ((String) m.get("agencyMessageId")) != null));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + bad).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aBatchAcceptsOrRejectsEachEventOnItsOwn() {
        String nhs = newNhsNumber();
        String good1 = allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, "A1-" + nhs, 100, "2026-11-20T09:00:00Z");
        String good2 = """
                {"eventId": "%s", "type": "SERVICE_STARTED", "occurredAt": "2026-11-20T10:00:00Z", "council": "E08000004",
                 "client": {"clientId": "C-%s", "nhsNumber": "%s"},
                 "service": {"serviceId": "S-%s", "kind": "HOME_CARE", "provider": "Oldham Care Ltd",
                             "weeklyCostPence": 42000, "startDate": "2026-11-23"}}"""
                .formatted(UUID.randomUUID(), nhs, nhs, nhs);
        String bad = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"NOT_A_TYPE\"}";

        JsonPath answer = given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("[" + good1 + "," + bad + "," + good2 + "]")
                .post("/api/inbound/social-care/events:batch")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(2, answer.getInt("accepted"));
        assertEquals(1, answer.getInt("rejected"));
        assertEquals(List.of("ACCEPTED", "REJECTED", "ACCEPTED"), answer.getList("events.status"));
        assertTrue(answer.getList("events[1].problems.path").contains("type"));
        awaitPerson(nhs, p -> p.getList("contributions").size() == 1);
    }

    /**
     * A batch of clients the hub has never seen is linked together (made in a few statements), with the same
     * outcomes as one by one: the client who is a trust's patient joins them, two client ids of one woman become one
     * person, and the household she states is there with its own details.
     */
    @Test
    void aBatchOfNewClientsEndsAsEachWouldAlone() {
        String trusts = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(trusts, "RR8", BudgetBundles.newBudgetId(),
                "100.00")).execute();
        String trustsPerson = awaitPerson(trusts, p -> true).getString("id");
        String zoe = newNhsNumber();
        String kit = newNhsNumber();
        String family = "Quarmby" + UUID.randomUUID().toString().substring(0, 4);
        String batch = "[" + String.join(",", client("C-" + trusts, trusts, "David", "Hughes",
                TestPeople.birthDateOf(trusts), "OL1 1XX", ""),
                client("C-" + zoe, zoe, "Zoe", family, "1991-05-17", "OL8 2AB", ", \"household\": [{\"clientId\": \"C-"
                        + kit + "\", \"relationship\": \"CHILD\"}]"),
                client("C-" + kit, kit, "Kit", family, "2015-01-02", "OL8 2AB", ""),
                client("C-" + zoe + "-again", null, "Zoe", family, "1991-05-17", "OL8 2AB", "")) + "]";
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(batch)
                .post("/api/inbound/social-care/events:batch").then().statusCode(200).body("accepted", equalTo(4));

        JsonPath her = awaitPerson(zoe, p -> p.getList("household").size() == 1 && p.getList("identifiers.value")
                .contains("C-" + zoe + "-again"));
        assertEquals("Zoe", her.getString("givenName"));
        assertEquals(List.of("CHILD"), her.getList("household.relationship"));
        assertEquals("Kit", awaitPerson(kit, p -> true).getString("givenName"));
        assertEquals(awaitPerson(kit, p -> true).getString("id"), her.getString("household[0].personId"));
        JsonPath david = awaitPerson(trusts, p -> p.getList("identifiers.value").contains("C-" + trusts));
        assertEquals(trustsPerson, david.getString("id"), "the trust's patient, not a new person");
    }

    private static String client(String clientId, String nhs, String forename, String surname, String born,
            String postcode, String more) {
        return """
                {"eventId": "%s", "type": "CLIENT_UPDATED", "occurredAt": "2026-11-18T14:05:00Z", "council": "E08000004",
                 "client": {"clientId": "%s"%s, "forename": "%s", "surname": "%s", "dateOfBirth": "%s",
                            "postcode": "%s"}%s}""".formatted(UUID.randomUUID(), clientId,
                nhs == null ? "" : ", \"nhsNumber\": \"" + nhs + "\"", forename, surname, born, postcode, more);
    }

    @Test
    void aClientUpdateStatesTheHouseholdAndIsApplied() {
        String nhs = newNhsNumber();
        String eventId = UUID.randomUUID().toString();
        post("""
                {"eventId": "%s", "type": "CLIENT_UPDATED", "occurredAt": "2026-11-18T14:05:00Z", "council": "E08000004",
                 "client": {"clientId": "C-%s", "nhsNumber": "%s", "forename": "Dave", "surname": "Hughes"},
                 "household": [{"clientId": "C-%s-partner", "relationship": "PARTNER"},
                               {"clientId": "C-%s-child", "relationship": "CHILD"}]}"""
                .formatted(eventId, nhs, nhs, nhs, nhs)).then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedMessages().stream()
                .anyMatch(m -> eventId.equals(m.get("agencyMessageId"))));
        JsonPath person = awaitPerson(nhs, p -> true);
        assertEquals("Dave", person.getString("givenName"));
        assertTrue(person.getList("identifiers.system").contains(
                "https://joinedup.org.uk/fhir/Id/council-client/E08000004"));
        assertEquals(List.of("PARTNER", "CHILD"), person.getList("household.relationship"));
        assertEquals(List.of("council:E08000004", "council:E08000004"), person.getList("household.source"));
    }

    /**
     * Household lists that chain into a family larger than {@code hub.cases.max-family-size} (12) merge nothing: the
     * family already formed stays as it was, and the person whose list would have made it too large is flagged to
     * the coordinator.
     */
    @Test
    void householdListsThatWouldChainIntoAGiantFamilyMergeNothingAndAreFlagged() {
        String nhs = newNhsNumber();
        String other = newNhsNumber();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        post(household(first, nhs, IntStream.range(1, 7).mapToObj(i -> "C-" + nhs + "-" + i).toList()))
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedMessages().stream()
                .anyMatch(m -> first.equals(m.get("agencyMessageId"))));
        // a second client lists one of the first family (a shared address) and six more people: 14 in all
        List<String> members = new java.util.ArrayList<>(List.of("C-" + nhs + "-6"));
        IntStream.range(1, 7).forEach(i -> members.add("C-" + other + "-" + i));
        post(household(second, other, members)).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedMessages().stream()
                .anyMatch(m -> second.equals(m.get("agencyMessageId"))));

        assertEquals(7, caseMembers(nhs), "the first family is as it was");
        assertTrue(caseMembers(other) < 7, "the second client's case took in no one from the first family");
        JsonPath flagged = awaitPerson(other, p -> true);
        assertEquals(List.of("LARGE_HOUSEHOLD"), flagged.getList("alerts.kind"));
        assertTrue(flagged.getString("alerts[0].detail").contains("more than 12 people"), flagged.prettify());
    }

    private static String household(String eventId, String nhs, List<String> members) {
        return """
                {"eventId": "%s", "type": "CLIENT_UPDATED", "occurredAt": "2026-11-18T14:05:00Z", "council": "E08000004",
                 "client": {"clientId": "C-%s", "nhsNumber": "%s", "forename": "Dave", "surname": "Hughes"},
                 "household": [%s]}""".formatted(eventId, nhs, nhs, members.stream()
                .map(m -> "{\"clientId\": \"" + m + "\", \"relationship\": \"OTHER\"}")
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static int caseMembers(String nhs) {
        String caseId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().statusCode(200).extract().jsonPath().getString("[0].caseId");
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath().getList("members").size();
    }

    private static List<Map<String, Object>> appliedMessages() {
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=SOCIAL_CARE&status=APPLIED&limit=1000").then().statusCode(200)
                .extract().asString()).getList("$");
    }

    private static io.restassured.response.Response post(String event) {
        return given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(event)
                .post("/api/inbound/social-care/events");
    }

    private static String allocation(String eventId, String clientId, String nhs, String allocationId, long pence,
            String occurredAt) {
        return """
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "%s", "council": "E08000004",
                 "client": {"clientId": "%s"%s, "forename": "Dave", "surname": "Hughes", "dateOfBirth": "%s"},
                 "allocation": {"allocationId": "%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": %d,
                                "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(eventId, occurredAt, clientId, nhs == null ? "" : ", \"nhsNumber\": \"" + nhs + "\"",
                        TestPeople.birthDateOf(nhs != null ? nhs : clientId), allocationId, pence);
    }

    @Test
    void aPaymentIsRecordedOnceAgainstItsAllocationAndShownOnTheCase() {
        String nhs = newNhsNumber();
        String client = "C-" + nhs;
        String allocationId = "A-" + UUID.randomUUID();
        post(allocation(UUID.randomUUID().toString(), client, nhs, allocationId, 1_000_000, "2026-11-20T09:00:00Z"))
                .then().statusCode(202);
        String payment = """
                {"eventId": "%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-24T10:00:00Z", "council": "E08000004",
                 "client": {"clientId": "%s", "nhsNumber": "%s", "forename": "Dave", "surname": "Hughes",
                            "dateOfBirth": "%s"},
                 "payment": {"paymentId": "PAY-%s", "allocationId": "%s", "amountPence": 42050,
                             "paidOn": "2026-11-24", "payee": "Oldham Personal Assistants Ltd",
                             "category": "PERSONAL_ASSISTANT"}}""";
        String paymentId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String again = UUID.randomUUID().toString();
        post(payment.formatted(first, client, nhs, TestPeople.birthDateOf(nhs), paymentId, allocationId))
                .then().statusCode(202);
        // the council's system reports the same payment again under a new event id
        post(payment.formatted(again, client, nhs, TestPeople.birthDateOf(nhs), paymentId, allocationId))
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedMessages().stream()
                .filter(m -> first.equals(m.get("agencyMessageId")) || again.equals(m.get("agencyMessageId")))
                .count() == 2);
        String caseId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().statusCode(200).extract().jsonPath().getString("[0].caseId");
        JsonPath familyCase = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> payments = familyCase.getList("members[0].payments");
        assertEquals(1, payments.size(), "the same payment reported twice is one payment");
        assertEquals(42050, payments.get(0).get("amountPence"));
        assertEquals(allocationId, payments.get(0).get("allocationId"));
        assertEquals("PERSONAL_ASSISTANT", payments.get(0).get("category"));
        assertTrue(familyCase.getString("timeline.find { it.kind == 'PAYMENT_MADE' }.summary")
                .startsWith("£420.50 paid to Oldham Personal Assistants Ltd"),
                familyCase.getString("timeline.find { it.kind == 'PAYMENT_MADE' }.summary"));
    }

    /**
     * A council's payment that arrives before the allocation it draws on (sent first, or overtaken by it on another
     * consumer) waits for it, neither failed nor dead-lettered, and is applied, once, when the allocation comes.
     */
    @Test
    void aPaymentThatArrivesBeforeItsAllocationWaitsForItAndIsAppliedWhenItComes() {
        String nhs = newNhsNumber();
        String client = "C-" + nhs;
        String allocationId = "A-" + UUID.randomUUID();
        String paymentEvent = UUID.randomUUID().toString();
        post("""
                {"eventId": "%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-24T10:00:00Z", "council": "E08000004",
                 "client": {"clientId": "%s", "nhsNumber": "%s", "forename": "Dave", "surname": "Hughes",
                            "dateOfBirth": "%s"},
                 "payment": {"paymentId": "PAY-%s", "allocationId": "%s", "amountPence": 31000,
                             "paidOn": "2026-11-24", "payee": "Oldham Day Centre", "category": "DAY_OPPORTUNITIES"}}"""
                .formatted(paymentEvent, client, nhs, TestPeople.birthDateOf(nhs), paymentEvent, allocationId))
                .then().statusCode(202);

        Map<String, Object> waiting = await().atMost(Duration.ofSeconds(30)).until(() -> message(paymentEvent),
                m -> m != null && "WAITING".equals(m.get("status")));
        assertTrue(String.valueOf(waiting.get("waitingFor")).endsWith(allocationId), String.valueOf(waiting));
        assertTrue(String.valueOf(waiting.get("reasons")).contains("waits for it"), String.valueOf(waiting));
        assertEquals(null, waiting.get("error"), "waiting is not a failure");

        post(allocation(UUID.randomUUID().toString(), client, nhs, allocationId, 1_000_000, "2026-11-20T09:00:00Z"))
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> "APPLIED".equals(message(paymentEvent).get("status")));
        String caseId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().statusCode(200).extract().jsonPath().getString("[0].caseId");
        List<Map<String, Object>> payments = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/cases/" + caseId).then().statusCode(200).extract().jsonPath().getList("members[0].payments");
        assertEquals(1, payments.size());
        assertEquals(31000, payments.get(0).get("amountPence"));
        String person = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().extract().jsonPath().getString("[0].id");
        assertEquals(31000, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person + "/budget")
                .then().statusCode(200).extract().jsonPath().getLong("totals.paidPence"), "paid from the allocation");
    }

    /**
     * Payments and their allocations in one batch, the payment first in each pair: the hub's consumers take them in
     * any order, at the same moments; every payment ends applied, none waiting for ever or failed.
     */
    @Test
    void paymentsAndAllocationsArrivingTogetherInAnyOrderAreAllApplied() {
        List<String> events = new java.util.ArrayList<>();
        List<String> paymentEvents = new java.util.ArrayList<>();
        String nhs = newNhsNumber();
        for (int i = 0; i < 40; i++) {
            String allocationId = "A-RACE-" + UUID.randomUUID();
            String paymentEvent = UUID.randomUUID().toString();
            paymentEvents.add(paymentEvent);
            events.add("""
                    {"eventId": "%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-24T10:00:00Z",
                     "council": "E08000004", "client": {"clientId": "C-%s"},
                     "payment": {"paymentId": "PAY-%s", "allocationId": "%s", "amountPence": 100,
                                 "paidOn": "2026-11-24", "payee": "Oldham Day Centre",
                                 "category": "DAY_OPPORTUNITIES"}}""".formatted(paymentEvent, nhs, paymentEvent,
                    allocationId));
            events.add(allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 10_000,
                    "2026-11-20T09:00:00Z"));
        }
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]").post("/api/inbound/social-care/events:batch")
                .then().statusCode(200).body("accepted", org.hamcrest.Matchers.is(80));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> paymentEvents.stream()
                .map(SocialCareEventsTest::message).allMatch(m -> m != null && "APPLIED".equals(m.get("status"))));
        String person = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().extract().jsonPath().getString("[0].id");
        assertEquals(40 * 100, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person
                + "/budget").then().statusCode(200).extract().jsonPath().getLong("totals.paidPence"));
    }

    /**
     * One batch whose payments each come before their allocation, and one payment whose allocation the council never
     * sent: every pair is applied, the lone payment waits and fails nothing else (it used to fail the whole batch,
     * which was then taken event by event: the backlog after a restart drained at a few events a second).
     */
    @Test
    void aBatchAppliesPaymentsSentBeforeTheirAllocationsAndLeavesOnlyTheOrphanWaiting() {
        String nhs = newNhsNumber();
        List<String> events = new java.util.ArrayList<>();
        List<String> paired = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String allocationId = "A-PAIR-" + UUID.randomUUID();
            String paymentEvent = UUID.randomUUID().toString();
            paired.add(paymentEvent);
            events.add(payment(paymentEvent, nhs, allocationId, 250));
            events.add(allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 10_000,
                    "2026-11-20T09:00:00Z"));
        }
        String orphan = UUID.randomUUID().toString();
        events.add(1, payment(orphan, nhs, "A-NEVER-" + UUID.randomUUID(), 999));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]").post("/api/inbound/social-care/events:batch")
                .then().statusCode(200).body("accepted", org.hamcrest.Matchers.is(21));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> paired.stream()
                .map(SocialCareEventsTest::message).allMatch(m -> m != null && "APPLIED".equals(m.get("status"))));
        for (String paymentEvent : paired) {
            assertEquals(null, message(paymentEvent).get("error"), paymentEvent);
        }
        Map<String, Object> lone = await().atMost(Duration.ofSeconds(30)).until(() -> message(orphan),
                m -> m != null && "WAITING".equals(m.get("status")));
        assertEquals(null, lone.get("error"), "waiting is not a failure");
        String person = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                .then().extract().jsonPath().getString("[0].id");
        assertEquals(10 * 250, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person
                + "/budget").then().statusCode(200).extract().jsonPath().getLong("totals.paidPence"));
    }

    @jakarta.inject.Inject
    org.joinedup.hub.inbound.InboundMessageStore store;

    @jakarta.inject.Inject
    SocialCareEventApplier applier;

    /**
     * One batch, as an apply consumer takes it: a payment sent before its allocation and carrying the client's old
     * postcode, the council's update giving the new postcode, then the allocation. The payment is applied after its
     * allocation, and the update, sent after the payment, is what the council's record says at the end.
     */
    @Test
    void aBatchKeepsTheOrderSentSoTheClientsLatestDetailsWin() {
        String nhs = newNhsNumber();
        String allocationId = "A-ORDER-" + UUID.randomUUID();
        String payment = payment(UUID.randomUUID().toString(), nhs, allocationId, 300).replace(
                "\"client\": {\"clientId\": \"C-" + nhs + "\"}", "\"client\": {\"clientId\": \"C-" + nhs
                        + "\", \"forename\": \"Dave\", \"surname\": \"Hughes\", \"dateOfBirth\": \""
                        + TestPeople.birthDateOf(nhs) + "\", \"postcode\": \"OL1 1AA\"}");
        String update = client("C-" + nhs, nhs, "Dave", "Hughes", TestPeople.birthDateOf(nhs), "OL9 9ZZ", "")
                .replace("2026-11-18T14:05:00Z", "2026-11-25T09:00:00Z");
        String allocation = allocation(UUID.randomUUID().toString(), "C-" + nhs, nhs, allocationId, 10_000,
                "2026-11-20T09:00:00Z");
        List<Long> batch = java.util.stream.Stream.of(payment, update, allocation).map(event -> store.receive(
                org.joinedup.model.AgencyKind.SOCIAL_CARE, org.joinedup.hub.inbound.InboundMessage.Transport.REST,
                "E08000004", JsonPath.from(event).getString("eventId"), "application/json", event).id()).toList();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> applier.applyBatch(batch));

        String person = awaitPerson(nhs, p -> p.getList("contributions").size() == 1).getString("id");
        assertEquals(300L, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person
                + "/budget").then().extract().jsonPath().getLong("totals.paidPence"), "the payment, on its allocation");
        List<Map<String, Object>> records = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + person + "/source-records").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.value == 'C-" + nhs + "' }");
        assertEquals(1, records.size());
        assertEquals("OL9 9ZZ", records.get(0).get("postcode"), "the council's latest details");
    }

    private static String payment(String eventId, String nhs, String allocationId, long pence) {
        return """
                {"eventId": "%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-24T10:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-%s"},
                 "payment": {"paymentId": "PAY-%s", "allocationId": "%s", "amountPence": %d,
                             "paidOn": "2026-11-24", "payee": "Oldham Day Centre",
                             "category": "DAY_OPPORTUNITIES"}}""".formatted(eventId, nhs, eventId, allocationId, pence);
    }

    /** The stored message of the council event with this id, as the operator's API shows it. */
    private static Map<String, Object> message(String eventId) {
        List<Map<String, Object>> found = JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=SOCIAL_CARE&limit=1000").then().statusCode(200).extract()
                .asString()).getList("findAll { it.agencyMessageId == '" + eventId + "' }");
        return found.isEmpty() ? null : found.get(0);
    }

    private static JsonPath awaitPerson(String nhs, java.util.function.Predicate<JsonPath> ready) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people?nhsNumber=" + nhs).then().statusCode(200).extract().jsonPath().getList("$");
            if (found.size() != 1) {
                return null;
            }
            return JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people/" + found.get(0).get("id")).then().statusCode(200).extract().asString());
        }, p -> p != null && ready.test(p));
    }
}
