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
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.joinedup.hub.inbound.InboundMessage;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.support.Browser;
import org.joinedup.model.AgencyKind;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An operator in a real browser finds a council event that failed while the database was unreachable, replays it
 * from the message store, and sees it applied; and sees what went to the dead-letter queue, linked to its stored
 * message.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class OperatorReplayTest {

    @Inject
    InboundMessageStore store;

    @Inject
    ProducerTemplate camel;

    @Test
    void anOperatorReplaysAFailedMessageAndSeesItApplied() {
        String key = UUID.randomUUID().toString().substring(0, 8);
        // a council allocation stored, then not applied because the database was unreachable at that moment
        long failed = store.receive(AgencyKind.SOCIAL_CARE, InboundMessage.Transport.REST, "E08000004",
                "RPL-ALLOC-" + key, "application/json", """
                {"eventId": "RPL-ALLOC-%1$s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-RPL-%1$s", "forename": "Rita",
                 "surname": "Replay-%1$s", "dateOfBirth": "1950-03-04"},
                 "allocation": {"allocationId": "A-RPL-%1$s", "department": "ADULT_SOCIAL_CARE",
                   "annualAmountPence": 520000, "periodStart": "2026-04-01", "periodEnd": "2027-03-31",
                   "management": "DIRECT_PAYMENT"}}""".formatted(key)).id();
        store.markFailed(failed, "org.hibernate.exception.JDBCConnectionException: unable to acquire JDBC"
                + " Connection (allocation A-RPL-" + key + ")");
        // and an employment message so broken that it went to the dead-letter queue
        String poison = "{\"messageId\": \"RPL-POISON-" + key + "\", \"type\": \"SUPPORT_AWARDED\"}";
        camel.sendBody("jms:queue:agency.employment.in", poison);
        long dead = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=EMPLOYMENT&status=REJECTED&limit=1000").then().extract().jsonPath()
                .getList("findAll { it.agencyMessageId == 'RPL-POISON-" + key + "' }.id", Long.class).stream()
                .findFirst().orElse(null), found -> found != null);

        try (Browser browser = Browser.open("http://localhost:" + RestAssured.port)) {
            browser.signIn("Lin Chen");
            assertEquals("/app/operations/messages", browser.path());
            browser.select("agency", "Social care").select("status", "Failed").press("Show messages");
            List<String> row = browser.rows(By.id("messages")).stream()
                    .filter(r -> r.get(0).startsWith(Long.toString(failed))).findFirst().orElseThrow();
            assertEquals("Failed", row.get(4));
            browser.accessible("the message store filtered").screenshot("operations-messages");

            browser.go("/app/operations/dead-letters");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.go("/app/operations/dead-letters");
                return browser.text(By.id("dead-letters")).contains("Stored message " + dead);
            });
            browser.accessible("the dead letters");

            browser.go("/app/operations/messages/" + failed);
            assertEquals("Message " + failed, browser.heading());
            assertTrue(browser.text(By.id("message-status")).startsWith("Failed"));
            assertTrue(browser.text(By.id("message-error")).contains("A-RPL-" + key));
            assertTrue(browser.text(By.id("payload")).contains("A-RPL-" + key), "the payload as it arrived");
            browser.accessible("a failed message").screenshot("operations-message");

            browser.press("Replay the message");
            assertTrue(browser.text(By.id("done-message")).startsWith("Message replayed"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.go("/app/operations/messages/" + failed);
                return browser.text(By.id("message-status")).startsWith("Applied");
            });
            assertTrue(browser.driver().findElements(By.xpath("//button[normalize-space()='Replay the message']"))
                    .isEmpty(), "an applied message offers no replay");
            browser.accessible("the replayed message");
        }
        assertEquals("APPLIED", status(failed));
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
