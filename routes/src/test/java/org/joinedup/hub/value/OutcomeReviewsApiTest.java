package org.joinedup.hub.value;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.joinedup.hub.platform.Today;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Plan reviews over HTTP as a coordinator records them with the person: checked item by item, kept with the plan,
 * counted in the value report's outcomes per aspect of life, and an overdue review raising an alert on the case.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class OutcomeReviewsApiTest {

    private static final List<String> ASPECTS = List.of("health-and-wellbeing", "time-with-people", "quality-of-life",
            "community-life", "safe-at-home", "choice-and-control", "dignity", "economic-wellbeing");

    @Inject
    Today today;

    @Inject
    OutcomeReviews reviews;

    @Test
    void aReviewIsKeptWithThePlanAndCountedInTheOutcomes() {
        JsonPath before = report();
        String plan = planOfANewPerson();
        Map<String, Object> review = review("2026-11-30", "WORSE");
        JsonPath recorded = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(review).post("/api/plans/" + plan + "/reviews").then().statusCode(201).extract().jsonPath();
        assertEquals("WORSE", recorded.getString("aspects.'economic-wellbeing'"));
        assertEquals("her son", recorded.getString("helpedBy"));
        assertEquals(List.of("MET", "PARTLY_MET"), recorded.getList("goals.outcome"));

        JsonPath listed = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, listed.getList("reviews").size());
        assertEquals("2027-11-30", listed.getString("reviewDue"), "next review a year after this one");
        assertFalse(listed.getBoolean("overdue"));

        JsonPath after = report();
        assertEquals(count(before, "quality-of-life", "better") + 1, count(after, "quality-of-life", "better"));
        assertEquals(count(before, "economic-wellbeing", "worse") + 1, count(after, "economic-wellbeing", "worse"));
        assertEquals(count(before, "economic-wellbeing", "better"), count(after, "economic-wellbeing", "better"));
        int better = count(after, "quality-of-life", "better");
        int all = better + count(after, "quality-of-life", "same") + count(after, "quality-of-life", "worse");
        assertEquals(Math.round(100.0 * better / all), (long) after.getInt(
                "outcomes.find { it.aspect == 'quality-of-life' }.betterPercent"));
    }

    @Test
    void aBadReviewIsRefusedNamingEachField() {
        String plan = planOfANewPerson();
        Map<String, Object> review = review("not a date", "LOTS");
        @SuppressWarnings("unchecked")
        Map<String, String> aspects = (Map<String, String>) review.get("aspects");
        aspects.remove("dignity");
        JsonPath refused = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(review).post("/api/plans/" + plan + "/reviews").then().statusCode(422).extract().jsonPath();
        String problems = refused.prettify();
        assertTrue(problems.contains("reviewedOn") && problems.contains("aspects.economic-wellbeing")
                && problems.contains("aspects.dignity"), problems);
        assertEquals(0, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath().getList("reviews").size(), "nothing kept");
        // a trust with no part in the person's care does not see the plan's reviews
        given().auth().oauth2(DemoTokens.of("trust3")).get("/api/plans/" + plan + "/reviews").then().statusCode(404);
    }

    @Test
    void aReviewPastItsDateRaisesAnAlertOnTheCaseUntilItIsDone() {
        String plan = planOfANewPerson();
        String person = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan).then()
                .statusCode(200).extract().jsonPath().getString("personId");
        LocalDate later = LocalDate.now().plusYears(1).plusDays(2);
        today.pin(later);
        try {
            reviews.raiseOverdue();
            assertTrue(alerts(person).contains("REVIEW_OVERDUE"), "the case shows the overdue review");
            assertTrue(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                    .then().extract().jsonPath().getBoolean("overdue"));
            given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                    .body(review(later.toString(), "SAME")).post("/api/plans/" + plan + "/reviews").then()
                    .statusCode(201);
            assertFalse(alerts(person).contains("REVIEW_OVERDUE"), "done: the alert is closed");
            reviews.raiseOverdue();
            assertFalse(alerts(person).contains("REVIEW_OVERDUE"), "and not raised again");
        } finally {
            today.unpin();
        }
    }

    @Test
    void sharesAreWholePerCentHalfUp() {
        assertEquals(13, OutcomeReviews.percent(1, 8), "12.5 % is 13 %");
        assertEquals(77, OutcomeReviews.percent(77, 100));
        assertEquals(33, OutcomeReviews.percent(1, 3));
        assertEquals(67, OutcomeReviews.percent(2, 3));
        assertEquals(0, OutcomeReviews.percent(0, 0), "of nobody");
    }

    /**
     * A coordinator's system sends the review as a FHIR QuestionnaireResponse of the outcome-review Questionnaire: it
     * is the review of the person's current plan, the same as one sent through the JSON API, and reads back as FHIR.
     */
    @Test
    void aReviewSentAsAQuestionnaireResponseIsThePlansReview() {
        String plan = planOfANewPerson();
        String person = personOf(plan);
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/fhir/Questionnaire/outcome-review").then()
                .statusCode(200).body("item.find { it.linkId == 'aspects' }.item.size()", org.hamcrest.Matchers.is(8));

        String id = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/fhir+json")
                .body(fhirReview(person, "worse", true)).post("/fhir/QuestionnaireResponse").then().statusCode(201)
                .extract().header("Location").replaceAll(".*/QuestionnaireResponse/([^/]+)/.*", "$1");

        JsonPath listed = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), listed.getList("reviews.id"));
        assertEquals("WORSE", listed.getString("reviews[0].aspects.'economic-wellbeing'"));
        assertEquals("her son", listed.getString("reviews[0].helpedBy"));
        assertEquals(List.of("MET", "NOT_MET"), listed.getList("reviews[0].goals.outcome"));
        assertEquals("2027-11-30", listed.getString("reviewDue"));

        JsonPath read = given().auth().oauth2(DemoTokens.of("coordinator")).get("/fhir/QuestionnaireResponse/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Patient/" + person, read.getString("subject.reference"));
        assertEquals("worse", read.getString("item.find { it.linkId == 'aspects' }.item.find { it.linkId =="
                + " 'economic-wellbeing' }.answer[0].valueCoding.code"));
        assertEquals(List.of("Cook for myself"), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/fhir/QuestionnaireResponse?subject=Patient/" + person).then().statusCode(200).extract()
                .jsonPath().getList("entry.resource.item.flatten().findAll { it.linkId == 'goal' }.item.flatten()"
                        + ".findAll { it.linkId == 'goal.text' && it.answer[0].valueString.startsWith('Cook') }"
                        + ".answer.flatten().valueString"));
        // a trust with no part in the person's care does not see it
        given().auth().oauth2(DemoTokens.of("trust3")).get("/fhir/QuestionnaireResponse/" + id).then().statusCode(404);
    }

    /** A review sent twice with its reference (JSON) or identifier (FHIR), a network retry say, is recorded once. */
    @Test
    void aReviewSentTwiceIsRecordedOnce() {
        String plan = planOfANewPerson();
        String person = personOf(plan);
        Map<String, Object> review = review("2026-11-30", "SAME");
        review.put("reference", "review-" + java.util.UUID.randomUUID());
        String first = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(review).post("/api/plans/" + plan + "/reviews").then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(review).post("/api/plans/" + plan + "/reviews").then().statusCode(200).extract().path("id");
        assertEquals(first, again);

        String fhir = fhirReview(person, "better", true).replace("\"status\": \"completed\",", "\"status\":"
                + " \"completed\", \"identifier\": {\"system\": \"https://lac.example/reviews\", \"value\": \"R-"
                + java.util.UUID.randomUUID() + "\"},");
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/fhir+json").body(fhir)
                .post("/fhir/QuestionnaireResponse").then().statusCode(201);
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/fhir+json").body(fhir)
                .post("/fhir/QuestionnaireResponse").then().statusCode(200);
        assertEquals(2, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath().getList("reviews").size(), "one of each");
        // a trust's system is refused before anything about the person is decided
        given().auth().oauth2(DemoTokens.of("trust")).contentType("application/fhir+json").body(fhir)
                .post("/fhir/QuestionnaireResponse").then().statusCode(403);
    }

    @Test
    void aBadQuestionnaireResponseIsRefusedWithAnIssuePerItemAndNothingIsKept() {
        String plan = planOfANewPerson();
        String person = personOf(plan);
        JsonPath refused = given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/fhir+json")
                .body(fhirReview(person, "much-worse", false)).post("/fhir/QuestionnaireResponse").then()
                .statusCode(422).extract().jsonPath();
        List<String> at = refused.getList("issue.expression.flatten()");
        assertTrue(at.contains("QuestionnaireResponse.item.where(linkId='aspects').item.where(linkId="
                + "'economic-wellbeing').answer"), at.toString());
        assertTrue(at.contains("QuestionnaireResponse.item.where(linkId='helped-by')"), at.toString());
        assertEquals(0, given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath().getList("reviews").size(), "nothing kept");
    }

    static String personOf(String plan) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan).then().statusCode(200)
                .extract().jsonPath().getString("personId");
    }

    /** Every aspect better but money ({@code economic}); her son helped, unless {@code saysWho} is false. */
    private static String fhirReview(String person, String economic, boolean saysWho) {
        StringBuilder aspects = new StringBuilder();
        for (String aspect : ASPECTS) {
            aspects.append(aspects.isEmpty() ? "" : ",").append("""
                    {"linkId": "%s", "answer": [{"valueCoding": {"system":
                     "https://joinedup.org.uk/fhir/CodeSystem/outcome-change", "code": "%s"}}]}"""
                    .formatted(aspect, aspect.equals("economic-wellbeing") ? economic : "better"));
        }
        return """
                {"resourceType": "QuestionnaireResponse",
                 "questionnaire": "https://joinedup.org.uk/fhir/Questionnaire/outcome-review|1.0.0",
                 "status": "completed", "subject": {"reference": "Patient/%s"},
                 "item": [
                  {"linkId": "reviewed-on", "answer": [{"valueDate": "2026-11-30"}]},
                  {"linkId": "aspects", "item": [%s]},
                  {"linkId": "own-answer", "answer": [{"valueBoolean": false}]},
                  %s
                  {"linkId": "goal", "item": [
                    {"linkId": "goal.text", "answer": [{"valueString": "Get out of the house"}]},
                    {"linkId": "goal.outcome", "answer": [{"valueCoding": {"system":
                     "https://joinedup.org.uk/fhir/CodeSystem/goal-outcome", "code": "met"}}]}]},
                  {"linkId": "goal", "item": [
                    {"linkId": "goal.text", "answer": [{"valueString": "Cook for myself"}]},
                    {"linkId": "goal.outcome", "answer": [{"valueCoding": {"system":
                     "https://joinedup.org.uk/fhir/CodeSystem/goal-outcome", "code": "not-met"}}]}]}]}"""
                .formatted(person, aspects, saysWho ? "{\"linkId\": \"helped-by\", \"answer\": [{\"valueString\":"
                        + " \"her son\"}]}," : "");
    }

    private static List<String> alerts(String person) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person).then()
                .statusCode(200).extract().jsonPath().getList("alerts.kind");
    }

    private static Map<String, Object> review(String on, String economic) {
        Map<String, String> aspects = new LinkedHashMap<>();
        ASPECTS.forEach(a -> aspects.put(a, "BETTER"));
        aspects.put("economic-wellbeing", economic);
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewedOn", on);
        review.put("aspects", aspects);
        review.put("ownAnswer", false);
        review.put("helpedBy", "her son");
        review.put("ownWords", "I see my friends at the allotment now.");
        review.put("goals", List.of(Map.of("goal", "Get out of the house", "outcome", "MET"),
                Map.of("goal", "Cook for myself", "outcome", "PARTLY_MET")));
        return review;
    }

    private static int count(JsonPath report, String aspect, String change) {
        return report.getInt("outcomes.find { it.aspect == '" + aspect + "' }." + change);
    }

    private static JsonPath report() {
        return given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/value").then().statusCode(200)
                .extract().jsonPath();
    }

    /** An Oldham client with an allocation, and a plan drafted for them. */
    static String planOfANewPerson() {
        return planOfANewPerson("Oldham Allotments");
    }

    /** As {@link #planOfANewPerson()}, its one line paid to {@code payee}. */
    static String planOfANewPerson(String payee) {
        String nhs = BudgetBundles.newNhsNumber();
        String client = "{\"clientId\": \"R-" + nhs + "\", \"nhsNumber\": \"" + nhs + "\", \"forename\": \"Rita\","
                + " \"surname\": \"Review\", \"dateOfBirth\": \"1958-03-21\", \"postcode\": \"OL9 6AA\"}";
        given().auth().oauth2(DemoTokens.of("council")).contentType("application/json").body("""
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-05-02T09:00:00Z",
                 "council": "E08000004", "client": %s,
                 "allocation": {"allocationId": "RA-%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": 500000,
                                "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(java.util.UUID.randomUUID(), client, nhs)).post("/api/inbound/social-care/events").then()
                .statusCode(202);
        String person = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).queryParam("nhsNumber", nhs).get("/api/people").then()
                .statusCode(200).extract().jsonPath().getString("find { it.id != null }.id"), id -> id != null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).get("/api/people/" + person).then().extract().jsonPath()
                .getList("contributions").size() == 1);
        return given().auth().oauth2(DemoTokens.of("coordinator")).contentType("application/json")
                .body(Map.of("personId", person, "whatMatters", "Getting out", "goals", "Get out of the house",
                        "lines", List.of(Map.of("category", "COMMUNITY_ACTIVITY", "description", "Allotment", "payee",
                                payee, "costKind", "WEEKLY", "unitPence", 3_000, "units", 1,
                                "management", "DIRECT_PAYMENT"))))
                .post("/api/plans").then().statusCode(201).extract().jsonPath().getString("id");
    }
}
