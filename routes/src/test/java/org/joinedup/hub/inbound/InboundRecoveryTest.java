package org.joinedup.hub.inbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.joinedup.hub.support.BenefitFiles.detail;
import static org.joinedup.hub.support.BenefitFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.joinedup.hub.platform.HubStartup.HubReady;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.TestPeople;
import org.joinedup.model.AgencyKind;
import org.junit.jupiter.api.Test;

/**
 * What a stopped or crashed hub left unfinished is finished when the hub starts: the message store and the inboxes
 * are set up as a hub killed at that moment leaves them, then the start's recovery runs, and everything ends applied.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class InboundRecoveryTest {

    @Inject
    InboundRecovery recovery;

    @Inject
    InboundMessageStore store;

    @Inject
    FileProgress progress;

    @ConfigProperty(name = "hub.benefits.inbox")
    Path inbox;

    /** A hub killed while applying a file that had already been moved out of the inbox (the file lost but for the hub's copy). */
    @Test
    void aFileTheHubWasApplyingWhenItDiedIsAppliedWholeFromItsCopy() throws Exception {
        String gss = gss();
        String nino = nino();
        String name = "BEN_" + gss + "_202611_01.DAT";
        Path elsewhere = Files.createTempDirectory("joinedup-lost-").resolve(name);
        Files.writeString(elsewhere, file(gss, "202611", 1, detail(nino, "PIP", 'A', 10_590)),
                StandardCharsets.ISO_8859_1);
        long messageId = store.receiveFile(AgencyKind.BENEFITS, "inbox/benefits", elsewhere, "text/plain").id();
        progress.start(messageId, AgencyKind.BENEFITS.name(), name);
        Files.delete(elsewhere);

        recovery.recover(new HubReady(Instant.now().plusSeconds(1)));

        Map<String, Object> done = awaitFile(messageId, "DONE");
        assertEquals(1, ((Number) done.get("rowsApplied")).intValue());
        assertEquals("APPLIED", messageStatus(messageId));
        assertEquals(List.of("PIP"), person(nino).getList("benefits.benefit"));
        assertTrue(Files.readString(inbox.resolve("done").resolve(name + ".report.txt")).contains("1 applied"));
    }

    /** A stop that sent files to rejected/ before they were taken: back into the inbox, and applied. */
    @Test
    void aFileInRejectedWithNoReasonWasNeverTakenAndIsApplied() throws Exception {
        String gss = gss();
        String nino = nino();
        String name = "BEN_" + gss + "_202611_01.DAT";
        Path rejected = Files.createDirectories(inbox.resolve("rejected")).resolve(name);
        Files.writeString(rejected, file(gss, "202611", 1, detail(nino, "UC", 'A', 9_000)),
                StandardCharsets.ISO_8859_1);

        recovery.recover(new HubReady(Instant.now()));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Files.exists(inbox.resolve("done").resolve(name + ".report.txt")));
        assertEquals(List.of("UC"), person(nino).getList("benefits.benefit"));
        assertFalse(Files.exists(rejected), "nothing is left in rejected/ without a reason");
    }

    /** A hub that had applied a file and died before it wrote that down: the file is done, not applied again. */
    @Test
    void aFileAppliedJustBeforeTheHubDiedIsDoneAndNotAppliedAgain() throws Exception {
        String name = "BEN_" + gss() + "_202611_01.DAT";
        Path somewhere = Files.createTempDirectory("joinedup-applied-").resolve(name);
        Files.writeString(somewhere, "applied already " + UUID.randomUUID(), StandardCharsets.ISO_8859_1);
        long messageId = store.receiveFile(AgencyKind.BENEFITS, "inbox/benefits", somewhere, "text/plain").id();
        progress.start(messageId, AgencyKind.BENEFITS.name(), name);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.applyOnce(messageId, () -> { }));

        recovery.recover(new HubReady(Instant.now().plusSeconds(1)));

        Map<String, Object> file = awaitFile(messageId, "DONE");
        assertTrue(String.valueOf(file.get("reason")).contains("before it recorded the end"), file.toString());
        assertFalse(Files.exists(inbox.resolve(name)), "not put back into the inbox");
    }

    /** An employment event stored, then the hub died before applying it (the broker had given up on it). */
    @Test
    void anEmploymentEventStoredButNeverAppliedIsApplied() {
        String nino = nino();
        String messageId = UUID.randomUUID().toString();
        long stored = store.receive(AgencyKind.EMPLOYMENT, InboundMessage.Transport.QUEUE, "agency.employment.in",
                messageId, "application/json", """
                {"messageId": "%s", "type": "SUPPORT_AWARDED", "occurredAt": "2026-11-20T09:41:07Z",
                 "office": "Oldham Jobcentre",
                 "person": {"nino": "%s", "forename": "David", "surname": "Hughes", "dateOfBirth": "%s"},
                 "award": {"awardId": "REC-%s", "purpose": "TRAINING", "amountPence": 45000,
                           "validFrom": "2026-11-20", "validTo": "2027-05-19"}}"""
                        .formatted(messageId, nino, TestPeople.birthDateOf(nino), nino)).id();

        recovery.recover(new HubReady(Instant.now().plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> "APPLIED".equals(messageStatus(stored)));
        assertEquals(45000, person(nino).getLong("contributions[0].amountPence"));
    }

    private static String gss() {
        return "E0" + (8000000 + ThreadLocalRandom.current().nextInt(999_999));
    }

    private static String nino() {
        return "JR" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "C";
    }

    private static Map<String, Object> awaitFile(long messageId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> JsonPath.from(
                given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/files?agency=BENEFITS&limit=500")
                        .then().statusCode(200).extract().asString()).<Map<String, Object>>getList("$").stream()
                .filter(f -> ((Number) f.get("messageId")).longValue() == messageId).findFirst().orElse(null),
                f -> f != null && status.equals(f.get("status")));
    }

    private static String messageStatus(long messageId) {
        return given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/messages/" + messageId).then()
                .extract().jsonPath().getString("message.status");
    }

    private static JsonPath person(String nino) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people?niNumber=" + nino).then().statusCode(200).extract().jsonPath().getList("$");
            return found.size() != 1 ? null : JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people/" + found.get(0).get("id")).then().statusCode(200).extract().asString());
        }, p -> p != null);
    }
}
