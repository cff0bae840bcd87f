package org.joinedup.hub.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.joinedup.hub.support.Browser;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A coordinator decides a doubtful match on the review page (the two records side by side with the evidence), and
 * reads on a person's page why each agency's record is linked, in words.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class IdentityPagesTest {

    @Test
    void aCoordinatorConfirmsADoubtfulMatchOnThePageAndThePersonPageSaysWhy() {
        String nhs = BudgetBundles.newNhsNumber();
        String family = surname();
        var bundle = BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(), "1000.00");
        var patient = (org.hl7.fhir.r4.model.Patient) bundle.getEntry().get(0).getResource();
        patient.getNameFirstRep().setFamily(family);
        patient.getAddressFirstRep().setPostalCode("BD7 1DP");
        Fhir.clientFor("trust").transaction().withBundle(bundle).execute();
        String client = "C-" + UUID.randomUUID();
        String bornYearLater = LocalDate.parse(TestPeople.birthDateOf(nhs)).plusYears(1).toString();
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "%s", "forename": "David", "surname": "%s",
                 "dateOfBirth": "%s", "postcode": "M1 1AA"},
                 "allocation": {"allocationId": "A-%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": 500000,
                   "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID(), client, family, bornYearLater, client))
                .post("/api/inbound/social-care/events").then().statusCode(202);
        String review = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth()
                .oauth2(DemoTokens.of("coordinator")).get("/api/identity/reviews").then().extract().jsonPath()
                .<Map<String, Object>>getList("findAll { it.record.value == '" + client + "' }").stream()
                .map(r -> (String) r.get("id")).findFirst().orElse(null), id -> id != null);

        try (Browser browser = Browser.open("http://localhost:" + RestAssured.port)) {
            browser.signIn("Sam Patel").follow("Identity reviews");
            assertEquals("Identity reviews", browser.heading());
            browser.go("/app/identity-reviews/" + review);
            assertEquals("Are these the same person?", browser.heading());
            List<List<String>> sides = browser.rows(By.id("side-by-side"));
            assertEquals(List.of("Date of birth", date(bornYearLater), date(TestPeople.birthDateOf(nhs))),
                    sides.get(2), "the council's date of birth beside the trust's");
            String evidence = browser.text(By.id("evidence"));
            assertTrue(evidence.contains("Birth date: “" + bornYearLater + "” and “" + TestPeople.birthDateOf(nhs)
                    + "” are one part different"), evidence);
            browser.accessible("an identity review").screenshot("identity-review");

            browser.press("Confirm: the same person");
            assertTrue(browser.text(By.className("govuk-error-summary")).contains("Give the reason"));
            browser.accessible("an identity review without a reason");
            browser.type("note", "Same address history; the council had the year of birth wrong")
                    .press("Confirm: the same person");
            assertTrue(browser.text(By.id("done-message")).startsWith("Confirmed"));

            String person = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs)
                    .then().extract().jsonPath().getString("[0].id");
            browser.go("/app/people/" + person);
            String why = browser.driver().findElements(By.className("link-why")).stream()
                    .map(e -> e.getText()).reduce("", String::concat);
            assertTrue(why.contains("Linked by a person's decision"), why);
            assertTrue(browser.rows(By.id("identifiers")).contains(List.of("NHS number", nhs, "Verified")),
                    "its identifiers: " + browser.rows(By.id("identifiers")));
            browser.accessible("a person's page").screenshot("person");

            // the council's record was someone else's after all: split it off again, with the reason
            String councilRecord = browser.driver().findElements(By.cssSelector(".govuk-summary-card")).stream()
                    .filter(c -> c.getText().contains(client)).findFirst().orElseThrow().getDomAttribute("id");
            browser.click(By.cssSelector("#" + councilRecord + " .govuk-details__summary"));
            browser.type("reason-" + councilRecord.substring("record-".length()), "A different David: the council"
                    + " checked the address history").press(By.id(councilRecord), "Split the record off");
            assertTrue(browser.text(By.id("done-message")).startsWith("The record is split off"));
            assertTrue(browser.pageText().contains(client) && !browser.pageText().contains("NHS number " + nhs),
                    "the new person holds the council's record only");
        }
    }

    private static String date(String iso) {
        return LocalDate.parse(iso).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                java.util.Locale.UK));
    }

    private static String surname() {
        StringBuilder name = new StringBuilder("Q");
        for (int i = 0; i < 7; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }
}
