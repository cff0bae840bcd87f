package org.joinedup.hub.employment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.camel.ConsumerTemplate;
import org.joinedup.hub.support.DeadLetterQueue;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.TestPeople;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** Employment services' events on the real queue: awards, withdrawals, work started, poison messages. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class EmploymentEventsTest {

    private static final String QUEUE = "jms:queue:agency.employment.in";

    @Inject
    ProducerTemplate camel;

    @Inject
    ConsumerTemplate consumer;

    @Inject
    jakarta.jms.ConnectionFactory brokers;

    @Test
    void anAwardBecomesAnEmploymentContributionAndStartingWorkIsAnAlert() {
        String nino = newNino();
        camel.sendBody(QUEUE, awarded(nino, "FSF-" + nino, 45_000, "2026-11-20T09:41:07Z"));
        camel.sendBody(QUEUE, """
                {"messageId": "%s", "type": "EMPLOYMENT_STARTED", "occurredAt": "2026-11-25T08:00:00Z",
                 "office": "Oldham Jobcentre", "person": {"nino": "%s", "forename": "David", "surname": "Hughes"},
                 "employment": {"employer": "Oldham Bakery", "hoursPerWeek": 16, "startDate": "2026-11-25"}}"""
                .formatted(UUID.randomUUID(), nino));

        JsonPath person = awaitPerson(nino, p -> p.getList("contributions").size() == 1 && !p.getList("alerts").isEmpty());
        assertEquals("EMPLOYMENT", person.getString("contributions[0].agency"));
        assertEquals(45_000L, person.getLong("contributions[0].amountPence"));
        assertEquals("employment-support:training", person.getString("contributions[0].type"));
        assertEquals(List.of("STARTED_WORK"), person.getList("alerts.kind"));
    }

    @Test
    void claimantsWithoutAnNiNumberAreEachEventsOwnRecordForMatchingNotOneRecordPerNameAndBirthDate() {
        String surname = "Quennell" + ThreadLocalRandom.current().nextInt(1_000_000);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String[] event : List.of(new String[] { first, "OL1 1XX" }, new String[] { second, "M1 1AA" })) {
            camel.sendBody(QUEUE, """
                    {"messageId": "%s", "type": "REFERRAL_CREATED", "occurredAt": "2026-11-20T09:41:07Z",
                     "office": "Oldham Jobcentre", "person": {"forename": "Ffion", "surname": "%s",
                     "dateOfBirth": "1991-04-12", "postcode": "%s"},
                     "referral": {"referralId": "R-%s", "programme": "Restart", "adviser": "J. Khan"}}"""
                    .formatted(event[0], surname, event[1], event[0]));
        }

        // each event is a record of its own; the model, not a name-and-birth-date key, said they are one claimant
        List<Map<String, Object>> records = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> recordsOf(first, second), r -> r.size() == 2);
        assertEquals(records.get(0).get("personId"), records.get(1).get("personId"),
                "the same names, birth date and a move of address score as one person: " + records);
        assertEquals("SCORE", records.get(1).get("linkMethod"));
        assertTrue(((String) records.get(1).get("linkReason")).contains("match weight"),
                (String) records.get(1).get("linkReason"));

        // and because they are two records, a coordinator who knows they are two people can split them
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("sourceRecordIds", List.of(records.get(1).get("id")), "reason", "two claimants"))
                .post("/api/people/" + records.get(0).get("personId") + "/split").then().statusCode(200);
        List<Map<String, Object>> after = recordsOf(first, second);
        assertTrue(!after.get(0).get("personId").equals(after.get(1).get("personId")), after.toString());
    }

    /** The source records of these employment events, in the order given. */
    private static List<Map<String, Object>> recordsOf(String... messageIds) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> java.util.Arrays.stream(messageIds)
                .<org.joinedup.hub.identity.SourceRecord>flatMap(id -> org.joinedup.hub.identity.SourceRecord
                        .<org.joinedup.hub.identity.SourceRecord>find("sourceSystem = ?1 and sourceValue = ?2",
                                org.joinedup.fhirmapping.FhirSystems.EMPLOYMENT_EVENT, id).stream())
                .map(r -> Map.<String, Object>of("id", r.id.toString(), "personId", r.person.id.toString(),
                        "linkMethod", r.linkMethod.name(), "linkReason", String.valueOf(r.linkReason)))
                .toList());
    }

    @Test
    void outOfOrderAndRepeatedDeliveryEndAsInOrderSingleDelivery() {
        String inOrder = newNino();
        String shuffled = newNino();
        String award1 = awarded(inOrder, "FSF-A-" + inOrder, 30_000, "2026-11-20T09:00:00Z");
        String withdraw1 = withdrawn(inOrder, "FSF-A-" + inOrder, "2026-11-21T09:00:00Z");
        camel.sendBody(QUEUE, award1);
        camel.sendBody(QUEUE, withdraw1);

        String award2 = awarded(shuffled, "FSF-A-" + shuffled, 30_000, "2026-11-20T09:00:00Z");
        String withdraw2 = withdrawn(shuffled, "FSF-A-" + shuffled, "2026-11-21T09:00:00Z");
        camel.sendBody(QUEUE, withdraw2);
        camel.sendBody(QUEUE, award2);
        camel.sendBody(QUEUE, withdraw2);
        camel.sendBody(QUEUE, award2);

        JsonPath expected = awaitPerson(inOrder, p -> "WITHDRAWN".equals(p.getString("contributions[0].status")));
        JsonPath actual = awaitPerson(shuffled, p -> "WITHDRAWN".equals(p.getString("contributions[0].status"))
                && p.getLong("contributions[0].amountPence") == 30_000L);
        for (String field : List.of("status", "amountPence", "type", "periodStart", "periodEnd", "version")) {
            assertEquals(expected.getString("contributions[0]." + field), actual.getString("contributions[0]." + field),
                    field);
        }
        assertEquals(1, actual.getList("contributions").size());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueWithTheReasonAndTheConsumerCarriesOn() {
        String nino = newNino();
        String poison = "{\"messageId\": \"" + UUID.randomUUID() + "\", \"type\": \"SUPPORT_AWARDED\", "
                + "\"occurredAt\": \"2026-11-20T09:41:07Z\", \"person\": {\"nino\": \"" + nino + "\"}, "
                + "\"award\": {\"awardId\": \"X\", \"purpose\": \"HOLIDAY\", \"amountPence\": 12.5}}";
        camel.sendBody(QUEUE, poison);
        camel.sendBody(QUEUE, awarded(nino, "FSF-" + nino, 1_000, "2026-11-20T09:41:07Z"));

        Exchange dead = DeadLetterQueue.take(consumer, poison, Duration.ofSeconds(30));
        assertEquals(poison, dead.getMessage().getBody(String.class));
        String reason = dead.getMessage().getHeader("JoinedUpRejection", String.class);
        assertTrue(reason.contains("award.purpose") && reason.contains("award.amountPence"), reason);
        awaitPerson(nino, p -> p.getList("contributions").size() == 1);
    }

    /**
     * An award the broker dead-lettered while the hub could not take it (its delivery attempts used up in an
     * outage, say) is sent back by an operator, applied once, and is no longer on the dead-letter queue.
     */
    @Test
    void aDeadLetterAnOperatorSendsBackIsAppliedOnceAndLeavesTheQueue() {
        String nino = newNino();
        String award = awarded(nino, "FSF-DLQ-" + nino, 25_000, "2026-11-22T10:00:00Z");
        camel.sendBodyAndHeader("jms:queue:DLQ", award, "_AMQ_ORIG_QUEUE", "agency.employment.in");
        String operator = DemoTokens.of("operator");
        String brokerId = await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(operator)
                .get("/api/inbound/messages/dead-letters").then().statusCode(200).extract().jsonPath()
                .getString("newest.find { it.start != null && it.start.contains('" + nino + "') }.brokerId"), id -> id != null);

        given().auth().oauth2(DemoTokens.of("coordinator")).post("/api/inbound/messages/dead-letters/" + brokerId
                + "/redrive").then().statusCode(403);
        given().auth().oauth2(operator).post("/api/inbound/messages/dead-letters/" + brokerId + "/redrive").then()
                .statusCode(200).body("queue", org.hamcrest.Matchers.equalTo("agency.employment.in"));

        JsonPath person = awaitPerson(nino, p -> p.getList("contributions").size() == 1);
        assertEquals(25_000L, person.getLong("contributions[0].amountPence"));
        given().auth().oauth2(operator).post("/api/inbound/messages/dead-letters/" + brokerId + "/redrive").then()
                .statusCode(404).body(org.hamcrest.Matchers.containsString("sent back already"));
        assertEquals(List.of(), given().auth().oauth2(operator).get("/api/inbound/messages/dead-letters").then()
                .extract().jsonPath().getList("newest.findAll { it.brokerId == '" + brokerId + "' }"));
        given().auth().oauth2(operator).post("/api/inbound/messages/dead-letters/not-an-id/redrive").then()
                .statusCode(409);
    }

    @Test
    void anAwardAboveTheStreamsCeilingIsDeadLetteredWithTheReasonAndNothingOfItIsKept() {
        String nino = newNino();
        // £100,000.01: one penny above employment support's max-contribution-pence
        String tooMuch = awarded(nino, "FSF-BIG-" + nino, 10_000_001, "2026-11-20T09:41:07Z");
        camel.sendBody(QUEUE, tooMuch);

        Exchange dead = DeadLetterQueue.take(consumer, tooMuch, Duration.ofSeconds(30));
        String reason = dead.getMessage().getHeader("JoinedUpRejection", String.class);
        assertTrue(reason.contains("award.amountPence") && reason.contains("£100000.01 is more than the most one"
                + " employment support contribution may be (£100000.00"), reason);
        camel.sendBody(QUEUE, awarded(nino, "FSF-" + nino, 10_000_000, "2026-11-21T09:41:07Z"));
        JsonPath person = awaitPerson(nino, p -> p.getList("contributions").size() == 1);
        assertEquals(10_000_000L, person.getLong("contributions[0].amountPence"), "the one at the ceiling is taken");
    }

    @Test
    void anAwardIdAlreadyAnotherClaimantsIsDeadLetteredWithTheReasonWhenItIsApplied() {
        String first = newNino();
        String second = newNino();
        String awardId = "FSF-TWICE-" + first;
        camel.sendBody(QUEUE, awarded(first, awardId, 20_000, "2026-11-20T09:41:07Z"));
        awaitPerson(first, p -> p.getList("contributions").size() == 1);
        String clash = awarded(second, awardId, 30_000, "2026-11-21T09:41:07Z");
        camel.sendBody(QUEUE, clash);

        Exchange dead = DeadLetterQueue.take(consumer, clash, Duration.ofSeconds(30));
        String reason = dead.getMessage().getHeader("JoinedUpRejection", String.class);
        assertTrue(reason != null && reason.contains("belongs to another person"), String.valueOf(reason));
        assertEquals(20_000L, awaitPerson(first, p -> true).getLong("contributions[0].amountPence"));
    }

    /**
     * Events that arrive together are taken off in a batch: a bad event among them, and one refused only when it is
     * applied (which rolls the batch back), cost the others nothing: every good event is applied once, a repeat in
     * the same batch is a repeat, and each bad one is dead-lettered with its reason.
     */
    @Test
    void aBatchWithBadEventsAppliesEveryGoodOneOnceAndDeadLettersTheBadWithTheirReasons() throws Exception {
        String owner = newNino();
        String takenAwardId = "FSF-OWNED-" + owner;
        camel.sendBody(QUEUE, awarded(owner, takenAwardId, 20_000, "2026-11-20T09:41:07Z"));
        awaitPerson(owner, p -> p.getList("contributions").size() == 1);

        List<String> claimants = new java.util.ArrayList<>();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String nino = newNino();
            claimants.add(nino);
            events.add(awarded(nino, "FSF-B-" + nino, 1_000 + i, "2026-11-20T09:41:07Z"));
        }
        String poison = awarded(newNino(), "FSF-P", 1_000, "2026-11-20T09:41:07Z").replace("TRAINING", "HOLIDAY");
        String clash = awarded(newNino(), takenAwardId, 30_000, "2026-11-21T09:41:07Z");
        events.add(10, poison);
        events.add(20, clash);
        events.add(events.get(5)); // the same event twice in one batch
        try (jakarta.jms.JMSContext context = brokers.createContext(jakarta.jms.JMSContext.SESSION_TRANSACTED)) {
            jakarta.jms.JMSProducer producer = context.createProducer();
            jakarta.jms.Queue queue = context.createQueue("agency.employment.in");
            for (String event : events) {
                producer.send(queue, event);
            }
            context.commit(); // all on the queue at once: taken off together
        }

        for (int i = 0; i < claimants.size(); i++) {
            JsonPath person = awaitPerson(claimants.get(i), p -> p.getList("contributions").size() == 1);
            assertEquals(1_000L + i, person.getLong("contributions[0].amountPence"), claimants.get(i));
        }
        String poisonReason = DeadLetterQueue.take(consumer, poison, Duration.ofSeconds(30)).getMessage()
                .getHeader("JoinedUpRejection", String.class);
        assertTrue(poisonReason != null && poisonReason.contains("award.purpose"), String.valueOf(poisonReason));
        String clashReason = DeadLetterQueue.take(consumer, clash, Duration.ofSeconds(30)).getMessage()
                .getHeader("JoinedUpRejection", String.class);
        assertTrue(clashReason != null && clashReason.contains("belongs to another person"), String.valueOf(clashReason));
        assertEquals(20_000L, awaitPerson(owner, p -> true).getLong("contributions[0].amountPence"));
        String repeatedId = JsonPath.from(events.get(5)).getString("messageId");
        List<Map<String, Object>> stored = given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=EMPLOYMENT&limit=200").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.agencyMessageId == '" + repeatedId + "' }");
        assertEquals(1, stored.size(), "the event sent twice is stored once");
        assertEquals("APPLIED", stored.get(0).get("status"));
    }

    private static String awarded(String nino, String awardId, long pence, String occurredAt) {
        return """
                {"messageId": "%s", "type": "SUPPORT_AWARDED", "occurredAt": "%s", "office": "Oldham Jobcentre",
                 "person": {"nino": "%s", "forename": "David", "surname": "Hughes", "dateOfBirth": "%s"},
                 "award": {"awardId": "%s", "purpose": "TRAINING", "amountPence": %d,
                           "validFrom": "2026-11-20", "validTo": "2027-05-19"}}"""
                .formatted(UUID.nameUUIDFromBytes((awardId + occurredAt + "A").getBytes()), occurredAt, nino,
                        TestPeople.birthDateOf(nino), awardId, pence);
    }

    private static String withdrawn(String nino, String awardId, String occurredAt) {
        return """
                {"messageId": "%s", "type": "SUPPORT_WITHDRAWN", "occurredAt": "%s", "office": "Oldham Jobcentre",
                 "person": {"nino": "%s"}, "award": {"awardId": "%s"}}"""
                .formatted(UUID.nameUUIDFromBytes((awardId + occurredAt + "W").getBytes()), occurredAt, nino, awardId);
    }

    private static String newNino() {
        return "JH" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "A";
    }

    private static JsonPath awaitPerson(String nino, Predicate<JsonPath> ready) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people?niNumber=" + nino).then().statusCode(200).extract().jsonPath().getList("$");
            if (found.size() != 1) {
                return null;
            }
            return JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people/" + found.get(0).get("id")).then().statusCode(200).extract().asString());
        }, p -> p != null && ready.test(p));
    }
}
