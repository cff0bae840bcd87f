package org.joinedup.hub.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.TestPeople;
import org.junit.jupiter.api.Test;

/**
 * Identity through the real entry points: an NHS trust's FHIR push and a council's REST events about people with the
 * spelling differences and missing identifiers real records have; the review queue, merge and split over HTTP.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class IdentityMatchingTest {

    @Test
    void aCouncilRecordWithoutNhsNumberIsLinkedByScoreAndSaysWhy() {
        String nhs = newNhsNumber();
        String family = surname();
        push(nhs, family);
        String personId = personWithNhs(nhs);

        council(allocation("C-" + nhs, "Dave", family.toUpperCase(), TestPeople.birthDateOf(nhs), "bd7 1dp", null));

        JsonPath records = await().atMost(Duration.ofSeconds(20)).until(() -> sourceRecords(personId),
                r -> r.getList("$").size() == 2);
        Map<String, Object> council = records.getMap("find { it.agency == 'SOCIAL_CARE' }");
        assertEquals("SCORE", council.get("linkMethod"));
        assertTrue(((Number) council.get("matchWeight")).doubleValue() >= 4, "" + council);
        assertEquals("nickname", records.getString(
                "find { it.agency == 'SOCIAL_CARE' }.explanation.comparisons.find { it.comparison == 'given-name' }.level"));
        assertEquals("same-postcode", records.getString(
                "find { it.agency == 'SOCIAL_CARE' }.explanation.comparisons.find { it.comparison == 'address' }.level"));
        assertEquals("NEW_PERSON", records.getString("find { it.agency == 'NHS' }.linkMethod"),
                "the trust's record came first and made the person");
        awaitPerson(personId, p -> p.getList("contributions").size() == 2);
    }

    @Test
    void aDoubtfulMatchWaitsForReviewAndConfirmingItMergesEverythingAcross() {
        String nhs = newNhsNumber();
        String family = surname();
        push(nhs, family);
        String personId = personWithNhs(nhs);
        String bornYearLater = LocalDate.parse(TestPeople.birthDateOf(nhs)).plusYears(1).toString();
        String client = "C-" + UUID.randomUUID();

        council(allocation(client, "David", family, bornYearLater, "M1 1AA", null));

        Map<String, Object> review = awaitReviewOf(client);
        assertEquals(personId, JsonPath.from(json(review)).getString("candidate.personId"));
        String councilPerson = JsonPath.from(json(review)).getString("record.personId");
        assertNotEquals(personId, councilPerson, "kept apart until someone decides");
        assertEquals("one-field-off", JsonPath.from(json(review))
                .getString("explanation.comparisons.find { it.comparison == 'birth-date' }.level"));
        awaitPerson(councilPerson, p -> p.getList("contributions").size() == 1);

        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body("{\"note\": \"same man: birth year mistyped by the council\"}")
                .post("/api/identity/reviews/" + review.get("id") + "/confirm")
                .then().statusCode(200).body("personId", equalTo(personId));

        JsonPath merged = awaitPerson(personId, p -> p.getList("contributions").size() == 2);
        assertEquals(List.of("NHS", "SOCIAL_CARE"), merged.getList("contributions.agency"));
        // the council's person now leads to the one person
        given().auth().oauth2(DemoTokens.of("coordinator")).redirects().follow(false)
                .get("/api/people/" + councilPerson).then().statusCode(301)
                .header("Location", containsString("/api/people/" + personId));
        // and as FHIR servers answer a merged id: the old Patient, inactive, replaced by the one person
        org.hl7.fhir.r4.model.Patient old = org.joinedup.hub.support.Fhir.clientFor("trust").read()
                .resource(org.hl7.fhir.r4.model.Patient.class).withId(councilPerson).execute();
        assertEquals(false, old.getActive());
        assertEquals(1, old.getLink().size());
        assertEquals(org.hl7.fhir.r4.model.Patient.LinkType.REPLACEDBY, old.getLinkFirstRep().getType());
        assertEquals("Patient/" + personId, old.getLinkFirstRep().getOther().getReference());
        assertThrows(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class, () -> org.joinedup.hub
                .support.Fhir.clientFor("trust2").read().resource(org.hl7.fhir.r4.model.Patient.class)
                .withId(councilPerson).execute(), "another trust, which does not know him, is not told");
        assertEquals(2, sourceRecords(personId).getList("$").size());
        assertEquals("MANUAL", sourceRecords(personId).getString("find { it.agency == 'SOCIAL_CARE' }.linkMethod"));
        List<String> audit = given().auth().oauth2(DemoTokens.of("operator")).queryParam("personId", personId)
                .get("/api/identity/audit").then().statusCode(200).extract().jsonPath().getList("action");
        assertTrue(audit.containsAll(List.of("CONFIRMED", "MERGED", "PROPOSED")), audit.toString());
        // deciding twice is refused
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body("{}")
                .post("/api/identity/reviews/" + review.get("id") + "/reject")
                .then().statusCode(409).body("error", containsString("CONFIRMED"));

        // a wrongly merged person can be split again, but not while their plan spends the council's money
        String councilRecord = sourceRecords(personId).getString("find { it.agency == 'SOCIAL_CARE' }.id");
        String planId = approvedPlan(personId, "COMMUNITY_ACTIVITY", "council");
        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body(Map.of("sourceRecordIds", List.of(councilRecord), "reason", "a different David"))
                .post("/api/people/" + personId + "/split").then().statusCode(422)
                .body("error", containsString("plan version 1 line 1 (COMMUNITY_ACTIVITY)"));
        assertEquals(2, sourceRecords(personId).getList("$").size(), "nothing split");
        // revised onto the trust's money, the split goes ahead: the council record and its allocation go back apart
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Getting out", "lines", List.of(Map.of("category",
                        "PERSONAL_ASSISTANT", "description", "PA", "payee", "Jo Bloggs", "costKind", "WEEKLY",
                        "unitPence", 1_000, "units", 1, "management", "DIRECT_PAYMENT"))))
                .post("/api/plans/" + planId + "/revisions").then().statusCode(201)
                .body("lines[0].contributionId", equalTo(
                        merged.getString("contributions.find { it.agency == 'NHS' }.id")));
        String apart = given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body("{\"sourceRecordIds\": [\"" + councilRecord + "\"], \"reason\": \"a different David\"}")
                .post("/api/people/" + personId + "/split").then().statusCode(200)
                .extract().jsonPath().getString("newPersonId");
        JsonPath kept = awaitPerson(personId, p -> p.getList("contributions").size() == 1);
        assertEquals(List.of("NHS"), kept.getList("contributions.agency"));
        JsonPath made = awaitPerson(apart, p -> p.getList("contributions").size() == 1);
        assertEquals(List.of("SOCIAL_CARE"), made.getList("contributions.agency"));
        assertEquals(councilPerson, apart, "splitting what the merge brought undoes the merge");

        // the council sends the client again with more details: the person's decision stands
        council(allocation(client, "David", family, bornYearLater, "BD7 1DP", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> sourceRecords(apart).getString("[0].postcode"),
                "BD7 1DP"::equals);
        assertEquals(1, sourceRecords(personId).getList("$").size(), "not joined again by matching");
    }

    @Test
    void aMergeTakesPlansAndAssessmentsAcrossAndTheSplitThatUndoesItBringsThemAndThePersonBack() {
        String nhs = newNhsNumber();
        String family = surname();
        push(nhs, family);
        String survivor = personWithNhs(nhs);
        String client = "C-" + UUID.randomUUID();
        council(allocation(client, "David", family, LocalDate.parse(TestPeople.birthDateOf(nhs)).plusYears(1)
                .toString(), "M1 1AA", null));
        Map<String, Object> review = awaitReviewOf(client);
        String councils = JsonPath.from(json(review)).getString("record.personId");
        awaitPerson(councils, p -> p.getList("contributions").size() == 1);
        // each record's person has a plan with an approved line, and the council's an assessment too
        String survivorPlan = approvedPlan(survivor, "PERSONAL_ASSISTANT", "trust");
        String councilsPlan = approvedPlan(councils, "COMMUNITY_ACTIVITY", "council");
        String assessment = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", org.joinedup.hub.support.AssessmentAnswers.daves(), "mode", "SELF",
                        "completedBy", "David " + family, "identifier", "self-" + councils))
                .post("/api/people/" + councils + "/assessments").then().statusCode(201).extract().jsonPath()
                .getString("id");
        assertEquals(52_000 + 156_000, given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + survivor + "/budget").then().extract().jsonPath().getLong("totals.committedPence")
                + given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + councils + "/budget")
                        .then().extract().jsonPath().getLong("totals.committedPence"));

        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body("{}")
                .post("/api/identity/reviews/" + review.get("id") + "/confirm").then().statusCode(200);

        // one person: both plans, the assessment, one current plan; the other plan closed and its money free again
        JsonPath plan = plan(councilsPlan);
        assertEquals(survivor, plan.getString("personId"));
        assertEquals(survivorPlan, plan.getString("supersededBy"), "a person has one current plan");
        assertEquals(survivor, plan(survivorPlan).getString("personId"));
        assertEquals(null, plan(survivorPlan).getString("supersededBy"));
        JsonPath budget = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + survivor
                + "/budget").then().statusCode(200).extract().jsonPath();
        assertEquals(52_000, budget.getLong("totals.committedPence"), "the closed plan's commitment released");
        assertEquals(100_000 + 500_000 - 52_000, budget.getLong("totals.availablePence"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON)
                .body("{\"reference\": \"after-merge\", \"amountPence\": 3000, \"paidOn\": \"2026-11-30\"}")
                .post("/api/plans/" + councilsPlan + "/lines/1/payments").then().statusCode(409)
                .body("error", containsString("use the current plan"));
        assertTrue(awaitPerson(survivor, p -> true).getList("alerts.kind").contains("REPLAN_NEEDED"));
        assertEquals(List.of(assessment), assessmentsOf(survivor));

        // the split of exactly what the merge brought undoes it: the council's person is back, with its own
        String councilRecord = sourceRecords(survivor).getString("find { it.agency == 'SOCIAL_CARE' }.id");
        String back = given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body(Map.of("sourceRecordIds", List.of(councilRecord), "reason", "a different David"))
                .post("/api/people/" + survivor + "/split").then().statusCode(200).extract().jsonPath()
                .getString("newPersonId");
        assertEquals(councils, back, "the merged person comes back, not a new one");
        given().auth().oauth2(DemoTokens.of("coordinator")).redirects().follow(false).get("/api/people/" + councils)
                .then().statusCode(200);
        assertEquals(councils, plan(councilsPlan).getString("personId"));
        assertEquals(survivor, plan(survivorPlan).getString("personId"));
        assertEquals(List.of(assessment), assessmentsOf(councils));
        assertEquals(List.of(), assessmentsOf(survivor));
        JsonPath restored = awaitPerson(councils, p -> p.getList("contributions").size() == 1);
        assertEquals(List.of("SOCIAL_CARE"), restored.getList("contributions.agency"));
        assertTrue(restored.getList("alerts.kind").contains("REPLAN_NEEDED"), "the plan the merge closed stays"
                + " closed: its person is told to draft one");
        List<String> audit = given().auth().oauth2(DemoTokens.of("operator")).queryParam("personId", survivor)
                .get("/api/identity/audit").then().statusCode(200).extract().jsonPath().getList("detail");
        assertTrue(audit.stream().anyMatch(d -> d.startsWith("merge undone")), audit.toString());
    }

    /** A first plan for the person with one line, approved by the funder whose money it takes. */
    private static String approvedPlan(String personId, String category, String funder) {
        long weekly = category.equals("PERSONAL_ASSISTANT") ? 1_000 : 3_000;
        String planId = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "whatMatters", "Getting out", "lines", List.of(Map.of("category",
                        category, "description", category, "payee", "Oldham Allotments", "costKind", "WEEKLY",
                        "unitPence", weekly, "units", 1, "management", "DIRECT_PAYMENT"))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(DemoTokens.of(funder)).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/lines/1/approve").then().statusCode(200);
        return planId;
    }

    private static JsonPath plan(String planId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + planId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> assessmentsOf(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/assessments")
                .then().statusCode(200).extract().jsonPath().getList("id");
    }

    @Test
    void aRejectedProposalKeepsThePeopleApart() {
        String nhs = newNhsNumber();
        String family = surname();
        push(nhs, family);
        String personId = personWithNhs(nhs);
        String client = "C-" + UUID.randomUUID();
        council(allocation(client, "David", family, LocalDate.parse(TestPeople.birthDateOf(nhs)).plusYears(1)
                .toString(), "M1 1AA", null));
        Map<String, Object> review = awaitReviewOf(client);

        given().auth().oauth2(DemoTokens.of("operator")).contentType(ContentType.JSON)
                .body("{\"note\": \"father and son\"}")
                .post("/api/identity/reviews/" + review.get("id") + "/reject").then().statusCode(200);

        given().auth().oauth2(DemoTokens.of("operator")).queryParam("status", "REJECTED")
                .get("/api/identity/reviews").then().statusCode(200)
                .body("find { it.id == '" + review.get("id") + "' }.decidedBy", equalTo("operator"))
                .body("find { it.id == '" + review.get("id") + "' }.decisionNote", equalTo("father and son"));
        assertEquals(1, sourceRecords(personId).getList("$").size());
        // the council's record later gains its postcode: still not joined, nor proposed again
        council(allocation(client, "David", family, LocalDate.parse(TestPeople.birthDateOf(nhs)).plusYears(1)
                .toString(), "BD7 1DP", null));
        String councilPerson = JsonPath.from(json(review)).getString("record.personId");
        await().atMost(Duration.ofSeconds(20)).until(() -> sourceRecords(councilPerson).getString("[0].postcode"),
                "BD7 1DP"::equals);
        assertEquals(1, sourceRecords(personId).getList("$").size());
        assertTrue(openReviewsOf(client).isEmpty());
    }

    @Test
    void theSameNiNumberWithTwoDifferentNhsNumbersGoesToReviewNotToAMerge() {
        String nhsA = newNhsNumber();
        String nhsB = newNhsNumber();
        String ni = "JK" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "C";
        String family = surname();
        String born = TestPeople.birthDateOf(nhsA);
        String first = "C-" + UUID.randomUUID();
        council(allocation(first, "Ann", family, born, "BD7 1DP", ", \"nhsNumber\": \"" + nhsA
                + "\", \"niNumber\": \"" + ni + "\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> !findPeople("niNumber", ni).isEmpty());
        String second = "C-" + UUID.randomUUID();

        council(allocation(second, "Ann", family, born, "BD7 1DP", ", \"nhsNumber\": \"" + nhsB
                + "\", \"niNumber\": \"" + ni.toLowerCase() + "\""));

        Map<String, Object> review = awaitReviewOf(second);
        assertTrue(review.get("reason").toString().contains("different NHS number"), review.toString());
        assertNotEquals(JsonPath.from(json(review)).getString("record.personId"),
                JsonPath.from(json(review)).getString("candidate.personId"));
    }

    @Test
    void anInvalidNhsNumberIsNotUsedForLinkingAndTheRecordSaysWhy() {
        String nhs = newNhsNumber();
        String family = surname();
        push(nhs, family);
        String personId = personWithNhs(nhs);
        String wrong = BudgetBundles.withWrongCheckDigit(nhs);
        String client = "C-" + UUID.randomUUID();

        // same NHS number but for its last digit, and nothing else in common: not linked on it
        council(allocation(client, "Zoe", surname(), "1999-12-31", "M1 1AA", ", \"nhsNumber\": \"" + wrong + "\""));

        await().atMost(Duration.ofSeconds(20)).until(() -> !given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/identity/audit").then().extract().jsonPath()
                .getList("findAll { it.detail.contains('" + client + "') }").isEmpty());
        String councilPerson = given().auth().oauth2(DemoTokens.of("operator")).get("/api/identity/audit").then()
                .extract().jsonPath().getString("find { it.detail.contains('" + client + "') }.personId");
        assertNotEquals(personId, councilPerson);
        String problems = sourceRecords(councilPerson).getString("[0].identifierProblems");
        assertTrue(problems != null && problems.startsWith("client.nhsNumber: ") && problems.contains(wrong), problems);
        assertEquals(null, sourceRecords(councilPerson).getString("[0].nhsNumber"));
    }

    @Test
    void twinsAreNotMergedEvenThoughAllButTheirFirstNamesAgree() {
        String family = surname();
        String born = "2011-09-30";
        String sam = "C-" + UUID.randomUUID();
        String kayleigh = "C-" + UUID.randomUUID();
        council(allocation(sam, "Sam", family, born, "BD7 1DP", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> openReviewsOf(sam).isEmpty()
                && appliedCount(sam) > 0);

        council(allocation(kayleigh, "Kayleigh", family, born, "BD7 1DP", null));

        Map<String, Object> review = awaitReviewOf(kayleigh);
        assertTrue(review.get("reason").toString().contains("given names differ"), review.toString());
        assertNotEquals(JsonPath.from(json(review)).getString("record.personId"),
                JsonPath.from(json(review)).getString("candidate.personId"));
    }

    // --- helpers ---

    private static String surname() {
        StringBuilder name = new StringBuilder("Q");
        for (int i = 0; i < 7; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    private static void push(String nhs, String family) {
        var bundle = BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(), "1000.00");
        var patient = (org.hl7.fhir.r4.model.Patient) bundle.getEntry().get(0).getResource();
        patient.getNameFirstRep().setFamily(family);
        // away from the other tests' people (Oldham): only this test's records meet in blocking
        patient.getAddressFirstRep().setPostalCode("BD7 1DP");
        Fhir.clientFor("trust").transaction().withBundle(bundle).execute();
    }

    private static String allocation(String clientId, String forename, String surname, String born, String postcode,
            String identifiers) {
        return """
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004",
                 "client": {"clientId": "%s"%s, "forename": "%s", "surname": "%s", "dateOfBirth": "%s",
                            "postcode": "%s"},
                 "allocation": {"allocationId": "%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": 500000,
                                "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID(), clientId, identifiers == null ? "" : identifiers, forename, surname,
                        born, postcode, "A-" + clientId);
    }

    private static void council(String event) {
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(event)
                .post("/api/inbound/social-care/events").then().statusCode(202);
    }

    private static String personWithNhs(String nhs) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> found = findPeople("nhsNumber", nhs);
            return found.isEmpty() ? null : found.get(0).get("id").toString();
        }, id -> id != null);
    }

    private static List<Map<String, Object>> findPeople(String param, String value) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).queryParam(param, value).get("/api/people")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonPath sourceRecords(String personId) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/source-records")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitPerson(String personId, Predicate<JsonPath> ready) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + personId).then().statusCode(200).extract().jsonPath(), ready::test);
    }

    private static List<Map<String, Object>> openReviewsOf(String clientId) {
        return given().auth().oauth2(DemoTokens.of("operator")).get("/api/identity/reviews")
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.record.value == '" + clientId + "' }");
    }

    private static Map<String, Object> awaitReviewOf(String clientId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> openReviewsOf(clientId), r -> !r.isEmpty()).get(0);
    }

    private static int appliedCount(String clientId) {
        return given().auth().oauth2(DemoTokens.of("operator")).get("/api/identity/audit").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.detail.contains('" + clientId + "') }").size();
    }

    private static String json(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
