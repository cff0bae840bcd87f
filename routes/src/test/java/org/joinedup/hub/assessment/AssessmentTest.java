package org.joinedup.hub.assessment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.AnswersToQuestionnaireResponseMapper;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.AssessmentAnswers;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/**
 * The single assessment through the real entry points: the Questionnaire and QuestionnaireResponses over FHIR (a
 * trust's system, a HAPI client), the JSON API for coordinators, the indicative budget with its explanation beside
 * confirmed contributions, a professional's check, reassessment, a RAS change, and a council's equity report.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class AssessmentTest {

    @ConfigProperty(name = "hub.ras.directory")
    Path ras;

    private static IGenericClient trust() {
        return Fhir.clientFor("trust");
    }

    /** A person the hub knows: an NHS trust pushed their continuing-care budget (£18,250). */
    private static String person(String nhs) {
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(),
                "18250.00")).execute();
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).extract().jsonPath().getString("[0].id");
    }

    private static Map<String, Object> answers() {
        return AssessmentAnswers.daves();
    }

    @Test
    void aTrustRecordsAnAssessmentOverFhirAndEveryoneReadsTheSameOne() {
        String nhs = newNhsNumber();
        String personId = person(nhs);
        Questionnaire questionnaire = trust().read().resource(Questionnaire.class).withId("single-assessment").execute();
        assertEquals("1.0.0", questionnaire.getVersion());
        QuestionnaireResponse response = new AnswersToQuestionnaireResponseMapper(questionnaire).map(answers());
        response.setSubject(new Reference("Patient/" + personId));
        response.getAuthor().setDisplay("Community matron, Leeds Teaching Hospitals");

        MethodOutcome created = trust().create().resource(response).execute();

        assertTrue(created.getCreated());
        String id = created.getId().getIdPart();
        QuestionnaireResponse read = Fhir.clientFor("coordinator").read().resource(QuestionnaireResponse.class)
                .withId(id).execute();
        assertEquals("Patient/" + personId, read.getSubject().getReference());
        Bundle versions = Fhir.clientFor("council").search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.SUBJECT.hasId("Patient/" + personId)).returnBundle(Bundle.class)
                .execute();
        assertEquals(1, versions.getEntry().size());

        JsonPath current = given().auth().oauth2(DemoTokens.of("council")).get("/api/people/" + personId
                + "/assessments").then().statusCode(200).extract().jsonPath();
        assertEquals("AGENCY", current.getString("[0].mode"));
        assertEquals("Community matron, Leeds Teaching Hospitals", current.getString("[0].completedBy"));
        assertEquals(45, current.getInt("[0].totalPoints"));
        assertEquals(18, current.getInt("[0].pointsByDomain.personal-care"));
        assertEquals("Mornings are the hardest.", current.getString("[0].ownWords['personal-care.own-words']"));
        // the joined-up record as FHIR carries the assessment
        Bundle everything = Fhir.clientFor("coordinator").operation()
                .onInstance(new org.hl7.fhir.r4.model.IdType("Patient", personId)).named("$everything")
                .withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet().returnResourceType(Bundle.class)
                .execute();
        assertEquals(List.of("Patient", "Account", "Account", "QuestionnaireResponse"),
                everything.getEntry().stream().map(e -> e.getResource().fhirType()).toList());
        // the coordinator's case shows the summary
        String caseId = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).extract().jsonPath().getString("[0].caseId");
        JsonPath familyCase = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId).then()
                .statusCode(200).extract().jsonPath();
        String member = "members.find { it.personId == '" + personId + "' }.assessment";
        assertEquals(45, familyCase.getInt(member + ".totalPoints"));
        assertEquals(12, familyCase.getInt(member + ".pointsByDomain.health"));
        assertEquals("Being a good dad to Sam and Kayleigh",
                familyCase.getString(member + ".ownWords['what-matters.important']"));
    }

    @Test
    void anInvalidResponseIsRefusedWithAnIssuePerItemAndNothingIsRecorded() {
        String personId = person(newNhsNumber());
        Map<String, Object> wrong = answers();
        wrong.remove("money.need");
        wrong.put("safety.need", "extreme");
        QuestionnaireResponse response = new AnswersToQuestionnaireResponseMapper(
                trust().read().resource(Questionnaire.class).withId("single-assessment").execute()).map(wrong);
        response.setSubject(new Reference("Patient/" + personId));

        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> trust().create().resource(response).execute());

        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        List<String> expressions = outcome.getIssue().stream().map(i -> i.getExpression().get(0).getValue()).toList();
        assertTrue(expressions.contains("QuestionnaireResponse.item.where(linkId='money.need')"), expressions.toString());
        assertTrue(expressions.stream().anyMatch(e -> e.contains("linkId='safety.need'")), expressions.toString());
        assertEquals(2, outcome.getIssue().size(), expressions.toString());
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId + "/assessments").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aSelfAssessmentIsCheckedByAProfessionalAndAReassessmentKeepsTheEarlierOne() {
        String personId = person(newNhsNumber());
        Map<String, Object> request = Map.of("answers", answers(), "mode", "SELF", "completedBy", "Dave Hughes",
                "identifier", "self-" + personId);
        String first = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(request)
                .post("/api/people/" + personId + "/assessments").then().statusCode(201)
                .body("mode", equalTo("SELF")).body("version", equalTo(1)).body("checkedBy", equalTo(null))
                .extract().jsonPath().getString("id");
        // sent again: the same assessment, not a new version
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body(request)
                .post("/api/people/" + personId + "/assessments").then().statusCode(200).body("id", equalTo(first));

        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body("{\"note\": \"went through it with Dave at home\"}").post("/api/assessments/" + first + "/check")
                .then().statusCode(200).body("checkedBy", equalTo("coordinator"))
                .body("checkNote", equalTo("went through it with Dave at home"));
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON).body("{}")
                .post("/api/assessments/" + first + "/check").then().statusCode(409)
                .body("error", containsString("was checked by coordinator"));
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("{}")
                .post("/api/assessments/" + first + "/check").then().statusCode(409);

        Map<String, Object> later = answers();
        later.put("personal-care.need", "critical");
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", later)).post("/api/people/" + personId + "/assessments").then()
                .statusCode(201).body("version", equalTo(2)).body("mode", equalTo("PROFESSIONAL"));

        JsonPath all = given().auth().oauth2(DemoTokens.of("trust")).get("/api/people/" + personId + "/assessments")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 1), all.getList("version"));
        assertEquals("coordinator", all.getString("[1].checkedBy"), "the earlier version is still there");
        JsonPath budget = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId
                + "/indicative-budget").then().statusCode(200).extract().jsonPath();
        assertEquals(2, budget.getInt("assessmentVersion"));
        assertEquals(List.of(1), budget.getList("earlier.assessmentVersion"));
    }

    @Test
    void theIndicativeBudgetIsExplainedAndShownBesideWhatAgenciesConfirmed() {
        String personId = person(newNhsNumber());
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", answers())).post("/api/people/" + personId + "/assessments").then()
                .statusCode(201);

        JsonPath budget = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId
                + "/indicative-budget").then().statusCode(200).extract().jsonPath();

        // council: personal-care 18 + safety 10 = 28 points x £120.00 = £3,360.00
        Map<String, Object> council = budget.getMap("shares.find { it.ruleId == 'council-adult-social-care' }");
        assertEquals(336000, council.get("indicativePence"));
        assertEquals("28 points x £120.00 = £3360.00 a year", ((List<?>) council.get("explanation")).get(2));
        // NHS: health 12 + personal-care 18 = 30 points x £300.00 = £9,000.00; the trust confirmed £18,250.00
        Map<String, Object> nhs = budget.getMap("shares.find { it.ruleId == 'nhs-continuing-care' }");
        assertEquals(900000, nhs.get("indicativePence"));
        assertEquals(1825000, nhs.get("confirmedPence"));
        assertEquals(925000, nhs.get("differencePence"));
        // housing: home 5 points, adaptation needed: £9,000.00 one-off; employment: not wanted
        assertEquals(900000, budget.getInt("shares.find { it.ruleId == 'housing-disabled-facilities-grant' }"
                + ".indicativePence"));
        assertEquals(false, budget.getBoolean("shares.find { it.ruleId == 'employment-support' }.eligible"));
        assertEquals(336000 + 900000 + 900000, budget.getLong("totalPence"));
        assertEquals(1825000, budget.getLong("confirmedPence"));
    }

    @Test
    void changingARasFileAndReloadingRecomputesAndKeepsTheOldResult() throws Exception {
        String personId = person(newNhsNumber());
        given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", answers())).post("/api/people/" + personId + "/assessments").then()
                .statusCode(201);
        Path file = ras.resolve("council-adult-social-care.properties");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original.replace("version = 2026-04", "version = 2026-10")
                    .replace("band.1.pence-per-point = 12000", "band.1.pence-per-point = 13000"));
            given().auth().oauth2(DemoTokens.of("operator")).post("/api/ras/reload").then().statusCode(200)
                    .body("version", containsString("council-adult-social-care@2026-10"));

            JsonPath budget = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + personId
                    + "/indicative-budget").then().statusCode(200).extract().jsonPath();
            assertEquals(364000, budget.getInt("shares.find { it.ruleId == 'council-adult-social-care' }"
                    + ".indicativePence"), "28 points x £130.00");
            assertTrue(budget.getString("rasVersion").contains("council-adult-social-care@2026-10"));
            assertTrue(budget.getString("earlier[0].rasVersion").contains("council-adult-social-care@2026-04"));
            assertEquals(336000 + 900000 + 900000, budget.getLong("earlier[0].totalPence"));

            // a file with a mistake is refused and the rules in use stay
            Files.writeString(file, original.replace("band.1.pence-per-point = 12000", "band.1.pence-per-point = lots"));
            given().auth().oauth2(DemoTokens.of("operator")).post("/api/ras/reload").then().statusCode(422)
                    .body("error", containsString("band.1.pence-per-point"));
            given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/ras").then().statusCode(200)
                    .body("version", containsString("council-adult-social-care@2026-10"));
        } finally {
            Files.writeString(file, original);
            given().auth().oauth2(DemoTokens.of("operator")).post("/api/ras/reload").then().statusCode(200);
        }
    }

    @Test
    void aCouncilReadsItsEquityReport() {
        String[] needs = { "low", "moderate", "substantial", "critical" };
        long[] allocations = { 300_000, 600_000, 900_000, 5_000_000 };
        for (int i = 0; i < needs.length; i++) {
            String nhs = newNhsNumber();
            String personId = person(nhs);
            String client = "EQ-" + nhs;
            given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                    {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                     "council": "E08000004", "client": {"clientId": "%s", "nhsNumber": "%s", "forename": "David",
                     "surname": "Hughes", "dateOfBirth": "%s"},
                     "allocation": {"allocationId": "A-%s", "department": "ADULT_SOCIAL_CARE",
                       "annualAmountPence": %d, "periodStart": "2026-04-01", "periodEnd": "2027-03-31",
                       "management": "DIRECT_PAYMENT"}}""".formatted(java.util.UUID.randomUUID(), client, nhs,
                    org.joinedup.hub.support.TestPeople.birthDateOf(nhs), client, allocations[i]))
                    .post("/api/inbound/social-care/events").then().statusCode(202);
            Map<String, Object> a = answers();
            a.put("personal-care.need", needs[i]);
            given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                    .body(Map.of("answers", a)).post("/api/people/" + personId + "/assessments").then()
                    .statusCode(201);
            String id = personId;
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people/" + id).then().extract().jsonPath().getList("contributions").size() == 2);
        }

        JsonPath report = given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/equity?council=E08000004")
                .then().statusCode(200).extract().jsonPath();

        assertTrue(report.getInt("people") >= 4);
        assertNotNull(report.get("line.pencePerPoint"));
        List<Map<String, Object>> points = report.getList("points");
        assertTrue(points.stream().anyMatch(p -> ((Number) p.get("annualBudgetPence")).longValue()
                == 5_000_000 + 1_825_000), points.toString());
        // the line is the least-squares fit of the points, worked here on its own (not read back from the report)
        double n = points.size();
        double sumX = 0;
        double sumY = 0;
        for (Map<String, Object> p : points) {
            sumX += ((Number) p.get("points")).doubleValue();
            sumY += ((Number) p.get("annualBudgetPence")).doubleValue();
        }
        double covariance = 0;
        double variance = 0;
        for (Map<String, Object> p : points) {
            double dx = ((Number) p.get("points")).doubleValue() - sumX / n;
            covariance += dx * (((Number) p.get("annualBudgetPence")).doubleValue() - sumY / n);
            variance += dx * dx;
        }
        double slope = covariance / variance;
        double intercept = sumY / n - slope * sumX / n;
        assertEquals(Math.round(slope), report.getLong("line.pencePerPoint"));
        assertEquals(Math.round(intercept), report.getLong("line.penceAtZeroPoints"));
        for (Map<String, Object> p : points) {
            double x = ((Number) p.get("points")).doubleValue();
            assertEquals(Math.round(intercept + slope * x), ((Number) p.get("expectedPence")).longValue(),
                    "what the line expects for " + x + " points, to the penny");
        }
        given().auth().oauth2(DemoTokens.of("council")).get("/api/reports/equity?council=E09000001").then()
                .statusCode(403);
    }
}
