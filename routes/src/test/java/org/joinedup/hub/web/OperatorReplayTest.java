package org.joinedup.hub.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.joinedup.hub.support.Browser;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An operator in a real browser finds a council payment that failed because it overtook its allocation, and once the
 * allocation has arrived replays it from the message store, and sees it applied.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class OperatorReplayTest {

    @Test
    void anOperatorReplaysAFailedMessageAndSeesItApplied() {
        String key = UUID.randomUUID().toString().substring(0, 8);
        String client = """
                "client": {"clientId": "C-RPL-%s", "forename": "Rita", "surname": "Replay-%s",
                  "dateOfBirth": "1950-03-04"}""".formatted(key, key);
        long payment = council("""
                {"eventId": "RPL-PAY-%s", "type": "PAYMENT_MADE", "occurredAt": "2026-11-21T09:00:00Z",
                 "council": "E08000004", %s,
                 "payment": {"paymentId": "P-RPL-%s", "allocationId": "A-RPL-%s", "amountPence": 12500,
                   "paidOn": "2026-11-21", "payee": "Oldham Day Centre", "category": "DAY_OPPORTUNITIES"}}"""
                .formatted(key, client, key, key));
        // the payment came before its allocation: retried, then given up on (dead-lettered) and FAILED
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> given().auth()
                .oauth2(DemoTokens.of("operator")).get("/api/inbound/messages/dead-letters").then().extract()
                .jsonPath().getList("newest.storedMessageId", String.class).contains(Long.toString(payment)));
        assertEquals("FAILED", status(payment));
        long allocation = council("""
                {"eventId": "RPL-ALLOC-%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", %s,
                 "allocation": {"allocationId": "A-RPL-%s", "department": "ADULT_SOCIAL_CARE",
                   "annualAmountPence": 520000, "periodStart": "2026-04-01", "periodEnd": "2027-03-31",
                   "management": "DIRECT_PAYMENT"}}""".formatted(key, client, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> "APPLIED".equals(status(allocation)));

        try (Browser browser = Browser.open("http://localhost:" + RestAssured.port)) {
            browser.signIn("Lin Chen");
            assertEquals("/app/operations/messages", browser.path());
            browser.select("agency", "Social care").select("status", "Failed").press("Show messages");
            List<String> row = browser.rows(By.id("messages")).stream()
                    .filter(r -> r.get(0).startsWith(Long.toString(payment))).findFirst().orElseThrow();
            assertEquals("Failed", row.get(4));
            browser.accessible("the message store filtered").screenshot("operations-messages");

            browser.go("/app/operations/dead-letters");
            assertTrue(browser.text(By.id("dead-letters")).contains("Stored message " + payment));
            browser.accessible("the dead letters");

            browser.follow("Stored message " + payment);
            assertEquals("Message " + payment, browser.heading());
            assertTrue(browser.text(By.id("message-status")).startsWith("Failed"));
            assertTrue(browser.text(By.id("message-error")).contains("A-RPL-" + key));
            assertTrue(browser.text(By.id("payload")).contains("P-RPL-" + key), "the payload as it arrived");
            browser.accessible("a failed message").screenshot("operations-message");

            browser.press("Replay the message");
            assertTrue(browser.text(By.id("done-message")).startsWith("Message replayed"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.go("/app/operations/messages/" + payment);
                return browser.text(By.id("message-status")).startsWith("Applied");
            });
            assertTrue(browser.driver().findElements(By.xpath("//button[normalize-space()='Replay the message']"))
                    .isEmpty(), "an applied message offers no replay");
            browser.accessible("the replayed message");
        }
        assertEquals("APPLIED", status(payment));
    }

    @Test
    void aMessageThatDidNotFailIsNotReplayed() {
        long allocation = council("""
                {"eventId": "RPL-OK-%1$s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-OK-%1$s", "forename": "Omar", "surname": "Okay",
                 "dateOfBirth": "1961-07-08"}, "allocation": {"allocationId": "A-OK-%1$s",
                 "department": "ADULT_SOCIAL_CARE", "annualAmountPence": 100000, "periodStart": "2026-04-01",
                 "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "APPLIED".equals(status(allocation)));
        given().auth().oauth2(DemoTokens.of("operator")).post("/api/inbound/messages/" + allocation + "/replay")
                .then().statusCode(409).body("error", org.hamcrest.Matchers.containsString("only a FAILED message"));
        given().auth().oauth2(DemoTokens.of("coordinator")).post("/api/inbound/messages/" + allocation + "/replay")
                .then().statusCode(403);
    }

    /** Posts one council event; answers its id in the message store. */
    private static long council(String event) {
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body(event)
                .post("/api/inbound/social-care/events").then().statusCode(202);
        String eventId = event.substring(event.indexOf("\"eventId\": \"") + 12);
        eventId = eventId.substring(0, eventId.indexOf('"'));
        String id = eventId;
        return await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=SOCIAL_CARE&limit=1000").then().extract().jsonPath()
                .getList("findAll { it.agencyMessageId == '" + id + "' }.id", Long.class).stream().findFirst()
                .orElse(null), found -> found != null);
    }

    private static String status(long messageId) {
        return given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/messages/" + messageId).then()
                .extract().jsonPath().getString("message.status");
    }
}
