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
