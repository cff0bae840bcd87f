package org.joinedup.hub.benefits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.support.BenefitFiles.detail;
import static org.joinedup.hub.support.BenefitFiles.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.TestPeople;
import org.junit.jupiter.api.Test;

/** The benefits agency's monthly fixed-width award files, dropped into the real inbox. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class BenefitsInboxTest {

    @ConfigProperty(name = "hub.benefits.inbox")
    Path inbox;

    @Test
    void monthsAreAppliedResendsReplaceAndASuspensionIsAnAlert() throws Exception {
        String gss = "E0" + (8000000 + ThreadLocalRandom.current().nextInt(999_999));
        String nino = "JH" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "A";

        drop("BEN_" + gss + "_202610_01.DAT", file(gss, "202610", 1, detail(nino, "PIP", 'A', 10_590)), "DONE");
        assertEquals(List.of("PIP"), person(nino).getList("benefits.benefit"));

        drop("BEN_" + gss + "_202611_01.DAT", file(gss, "202611", 1, detail(nino, "PIP", 'A', 10_590),
                detail(nino, "UC", 'A', 9_000)), "DONE");
        drop("BEN_" + gss + "_202611_02.DAT", file(gss, "202611", 2, detail(nino, "PIP", 'S', 0),
                detail(nino, "UC", 'A', 9_500)), "DONE");

        JsonPath person = person(nino);
        assertEquals(List.of("PIP", "UC"), person.getList("benefits.benefit"), "the resend replaced the month");
        assertEquals(List.of("S", "A"), person.getList("benefits.status"));
        assertEquals(9_500L, person.getLong("benefits.find { it.benefit == 'UC' }.weeklyPence"));
        assertEquals(List.of("INCOME_CHANGED"), person.getList("alerts.kind"));

        Map<String, Object> again = drop("BEN_" + gss + "_202611_01.DAT",
                file(gss, "202611", 1, detail(nino, "PIP", 'A', 1)), "DONE");
        assertEquals(0, again.get("rowsApplied"), "the same file id delivered again changes nothing");
        assertEquals(9_500L, person(nino).getLong("benefits.find { it.benefit == 'UC' }.weeklyPence"));
    }

    /**
     * Most of a month's file is claimants the hub already holds as they are (stored in one statement); a claimant
     * whose address changed is linked again, one by one, and their record shows the new address; either way the
     * award belongs to the same person, and a suspension raises one alert however often the month is resent.
     */
    @Test
    void aMonthOfClaimantsTheHubKnowsIsStoredWholeAndAChangedAddressIsLinkedAgain() throws Exception {
        String gss = "E0" + (8000000 + ThreadLocalRandom.current().nextInt(999_999));
        int n = 100_000 + ThreadLocalRandom.current().nextInt(800_000);
        String same = "JL" + n + "A";
        String moved = "JL" + (n + 1) + "A";
        String movedBorn = TestPeople.birthDateOf(moved);
        drop("BEN_" + gss + "_202610_01.DAT", file(gss, "202610", 1, detail(same, "PIP", 'A', 10_590),
                detail(same, "UC", 'A', 9_000), detail(moved, "UC", 'A', 9_000, movedBorn, "OL11XX")), "DONE");
        String sameId = person(same).getString("id");
        String movedId = person(moved).getString("id");

        Map<String, Object> november = drop("BEN_" + gss + "_202611_01.DAT", file(gss, "202611", 1,
                detail(same, "PIP", 'S', 0), detail(same, "UC", 'A', 9_100),
                detail(moved, "UC", 'A', 9_100, movedBorn, "M11AE")), "DONE");
        drop("BEN_" + gss + "_202611_02.DAT", file(gss, "202611", 2, detail(same, "PIP", 'S', 0),
                detail(same, "UC", 'A', 9_200), detail(moved, "UC", 'A', 9_200, movedBorn, "M11AE")), "DONE");

        assertEquals(3, november.get("rowsApplied"));
        JsonPath known = person(same);
        assertEquals(sameId, known.getString("id"), "the same person, not a new one");
        assertEquals(List.of("PIP", "UC"), known.getList("benefits.benefit"));
        assertEquals(List.of("S", "A"), known.getList("benefits.status"));
        assertEquals(9_200L, known.getLong("benefits.find { it.benefit == 'UC' }.weeklyPence"));
        assertEquals(List.of("Personal Independence Payment suspended in 2026-11 (active the month before): income"
                + " has changed"), known.getList("alerts.detail"), "one alert, though the month came twice");
        JsonPath mover = person(moved);
        assertEquals(movedId, mover.getString("id"));
        assertEquals(9_200L, mover.getLong("benefits.find { it.benefit == 'UC' }.weeklyPence"));
        assertEquals(List.of("M11AE"), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + movedId + "/source-records").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.holder == 'DWP' }.postcode"), "the DWP's record has the new address");
    }

    /**
     * New claimants are made people many at a time, but one the council already knows (same names, birth date and
     * postcode; the council has no NI number) is linked to the council's person, not made a second one; and two
     * lines of one new claimant in a file make one person with both awards.
     */
    @Test
    void aNewClaimantTheCouncilKnowsJoinsTheCouncilsPersonAndOtherNewClaimantsAreNewPeople() throws Exception {
        String gss = "E0" + (8000000 + ThreadLocalRandom.current().nextInt(999_999));
        int n = 100_000 + ThreadLocalRandom.current().nextInt(800_000);
        String known = "JM" + n + "C";
        String fresh = "JM" + (n + 1) + "C";
        given().auth().oauth2(DemoTokens.of("council")).contentType(io.restassured.http.ContentType.JSON).body("""
                {"eventId": "BEN-CLIENT-%s", "type": "CLIENT_UPDATED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-BEN-%s", "forename": "David", "surname": "Hughes",
                 "dateOfBirth": "%s", "postcode": "OL1 1XX"}}""".formatted(n, n, TestPeople.birthDateOf(known)))
                .post("/api/inbound/social-care/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=SOCIAL_CARE&limit=200").then().extract().jsonPath()
                .getString("find { it.agencyMessageId == 'BEN-CLIENT-" + n + "' }.status"), "APPLIED"::equals);
        drop("BEN_" + gss + "_202610_01.DAT", file(gss, "202610", 1, detail(known, "PIP", 'A', 10_590),
                detail(fresh, "UC", 'A', 9_000), detail(fresh, "PIP", 'A', 10_590)), "DONE");

        JsonPath joined = person(known);
        assertEquals(List.of("PIP"), joined.getList("benefits.benefit"));
        assertEquals(List.of("DWP", "E08000004"), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + joined.getString("id") + "/source-records").then().statusCode(200).extract()
                .jsonPath().getList("holder", String.class).stream().sorted().toList(),
                "the DWP's record joined the council's person");
        JsonPath newcomer = person(fresh);
        assertEquals(List.of("PIP", "UC"), newcomer.getList("benefits.benefit", String.class).stream().sorted()
                .toList());
        assertEquals(List.of("NEW_PERSON"), given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + newcomer.getString("id") + "/source-records").then().statusCode(200)
                .extract().jsonPath().getList("linkMethod"));
    }

    @Test
    void aTruncatedFileIsRefusedWholeAndNothingIsApplied() throws Exception {
        String gss = "E0" + (8000000 + ThreadLocalRandom.current().nextInt(999_999));
        String nino = "JK" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "B";
        String whole = file(gss, "202611", 1, detail(nino, "UC", 'A', 9_000), detail(nino, "PIP", 'A', 10_590));
        String truncated = whole.substring(0, whole.lastIndexOf("\nT") + 1);

        Map<String, Object> refused = drop("BEN_" + gss + "_202611_01.DAT", truncated, "REJECTED");

        assertTrue(((String) refused.get("reason")).contains("no trailer"), refused.toString());
        assertTrue(Files.readString(inbox.resolve("rejected/BEN_" + gss + "_202611_01.DAT.reason.txt"))
                .contains("no trailer"));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?niNumber=" + nino).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    private Map<String, Object> drop(String name, String content, String expectedStatus) throws Exception {
        long before = files().stream().mapToLong(f -> ((Number) f.get("messageId")).longValue()).max().orElse(0);
        Files.createDirectories(inbox);
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, content, StandardCharsets.ISO_8859_1);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(
                () -> files().stream().filter(f -> name.equals(f.get("fileName")))
                        .filter(f -> ((Number) f.get("messageId")).longValue() > before).findFirst().orElse(null),
                f -> f != null && expectedStatus.equals(f.get("status")) && f.get("finishedAt") != null);
    }

    private static List<Map<String, Object>> files() {
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/files?agency=BENEFITS&limit=500").then().statusCode(200).extract().asString())
                .getList("$");
    }

    private static JsonPath person(String nino) {
        List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people?niNumber=" + nino).then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, found.size(), "one person with NI number " + nino);
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + found.get(0).get("id"))
                .then().statusCode(200).extract().asString());
    }
}
