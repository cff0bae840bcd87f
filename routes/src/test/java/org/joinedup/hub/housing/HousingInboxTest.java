package org.joinedup.hub.housing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;

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

/** Housing providers' nightly tenancy snapshots, dropped into the real file inbox. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class HousingInboxTest {

    private static final String HEADER = "tenancy_ref,uprn,address,postcode,person_ref,role,forename,surname,"
            + "date_of_birth,ni_number,nhs_number,tenure,start_date,arrears_pence,adaptation_need,dfg_award_ref,"
            + "dfg_award_pence,dfg_award_date";

    @ConfigProperty(name = "hub.housing.inbox")
    Path inbox;

    @Test
    void aSnapshotIsAppliedRowByRowAndTheNextNightEndsWhatIsMissing() throws Exception {
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        String dave = newNhsNumber();
        String other = newNhsNumber();
        String night1 = HEADER + "\r\n"
                + "T-1,100012345678,\"Flat 3, 12 Union Street, Oldham\",ol1 1xx,P-1,LEAD,Dave,Hughes,14/02/1979,"
                + "JH 40 58 21 D," + spaced(dave) + ",SECURE,01/04/2015,62500,Level-access shower,DFG-1,780000,03/11/2026\r\n"
                + "T-1,100012345678,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX,P-2,MEMBER,Kayleigh,Hughes,30/09/2011,,,"
                + "SECURE,01/04/2015,,,,,\r\n"
                + "T-2,,\"Room 4, \"\"The Willows\"\" hostel\",OL8 2AB,P-3,LEAD,Jane,Doe,01/01/1990,," + other
                + ",TEMPORARY,20/10/2026,0,,,,\r\n"
                + "T-3,,x,OL8 2AB,P-4,BOSS,Bad,Role,,,,SECURE,01/01/2020,,,,,\r\n"
                + "T-4,,x,OL8 2AB,P-5,LEAD,Bad,Date,31/02/1990,,,SECURE,01/01/2020,,,,,\r\n";

        Map<String, Object> file = drop("tenancies-" + provider + "-20261121.csv", night1, "DONE");

        assertEquals(5, file.get("rowsRead"));
        assertEquals(3, file.get("rowsApplied"));
        assertEquals(2, file.get("rowsSetAside"));
        List<Map<String, Object>> setAside = (List<Map<String, Object>>) file.get("setAside");
        assertEquals(List.of(5, 6), setAside.stream().map(r -> r.get("lineNumber")).toList());
        assertTrue(((String) setAside.get(0).get("reason")).startsWith("role:"), setAside.toString());
        assertTrue(((String) setAside.get(1).get("reason")).startsWith("date_of_birth:"), setAside.toString());
        assertTrue(Files.readString(inbox.resolve("done/tenancies-" + provider + "-20261121.csv.report.txt"))
                .contains("line 6: date_of_birth"));

        JsonPath daveNow = person(dave);
        assertEquals(List.of("HOUSING"), daveNow.getList("contributions.agency"));
        assertEquals(780000L, daveNow.getLong("contributions[0].amountPence"));
        assertEquals("dfg", daveNow.getString("contributions[0].type"));
        assertEquals(List.of("2026-11-03", "2027-11-02"), List.of(daveNow.getString("contributions[0].periodStart"),
                daveNow.getString("contributions[0].periodEnd")), "a grant pays for the twelve months its works have");
        assertEquals("T-1", daveNow.getString("tenancies[0].tenancyRef"));
        assertEquals(List.of("RENT_ARREARS"), daveNow.getList("alerts.kind"));
        assertEquals(List.of("TEMPORARY_ACCOMMODATION"), person(other).getList("alerts.kind"));

        String night2 = HEADER + "\n"
                + "T-1,100012345678,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX,P-1,LEAD,Dave,Hughes,14/02/1979,,"
                + dave + ",SECURE,01/04/2015,0,,DFG-1,780000,03/11/2026\n";
        drop("tenancies-" + provider + "-20261122.csv", night2, "DONE");

        daveNow = person(dave);
        assertEquals(1, daveNow.getList("contributions").size(), "the same DFG award is never a second contribution");
        assertEquals(List.of(), daveNow.getList("alerts"), "arrears cleared, the alert is closed");
        assertEquals("2026-11-22", person(other).getString("tenancies[0].endedOn"), "T-2 left the snapshot: ended");

        Files.writeString(inbox.resolve("again.part"), night2);
        Files.move(inbox.resolve("again.part"), inbox.resolve("tenancies-" + provider + "-20261122.csv"),
                StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(inbox.resolve("done/tenancies-" + provider
                + "-20261122.csv.report.txt")).contains("repeat"));
        assertEquals(1, person(dave).getList("contributions").size());
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedWholeWithTheReason() throws Exception {
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        String nhs = newNhsNumber();
        String noRole = "tenancy_ref,person_ref,tenure,start_date,nhs_number\nT-9,P-9,SECURE,01/01/2020," + nhs + "\n";

        Map<String, Object> file = drop("tenancies-" + provider + "-20261121.csv", noRole, "REJECTED");

        assertTrue(((String) file.get("reason")).contains("required column(s) missing: role"), file.toString());
        Path reason = inbox.resolve("rejected/tenancies-" + provider + "-20261121.csv.reason.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve("rejected/tenancies-" + provider
                + "-20261121.csv")));
        assertTrue(Files.readString(reason).contains("role"));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aSnapshotFromAProviderTheInboxIsNotConfiguredForIsRefusedWhole() throws Exception {
        String nhs = newNhsNumber();
        String rogue = "ROGUE" + ThreadLocalRandom.current().nextInt(1_000_000);
        String snapshot = "tenancy_ref,person_ref,role,forename,surname,nhs_number,tenure,start_date\n"
                + "T-1,P-1,LEAD,Dave,Hughes," + nhs + ",SECURE,01/04/2015\n";
        Map<String, Object> file = drop("tenancies-" + rogue + "-20261121.csv", snapshot, "REJECTED");
        assertTrue(((String) file.get("reason")).contains("is not a sender this inbox takes files from"),
                file.toString());
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aTenancyWhoseRowIsSetAsideOneNightHasNotEndedAndItsBadTextIsNeverKept() throws Exception {
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        String nhs = newNhsNumber();
        String row = "T-7,,1 Mill Lane,OL1 1XX,P-7,LEAD,Jo,Lee,01/01/1960,," + nhs + ",SECURE,01/04/2015,,,,,";
        drop("tenancies-" + provider + "-20261121.csv", HEADER + "\n" + row + "\n", "DONE");

        // the next night Jo's row has a NUL in her surname: set aside, and her tenancy is still in the snapshot
        Map<String, Object> file = drop("tenancies-" + provider + "-20261122.csv",
                HEADER + "\n" + row.replace(",Lee,", ",L\u0000ee,") + "\n", "DONE");

        assertEquals(1, file.get("rowsSetAside"));
        List<Map<String, Object>> setAside = (List<Map<String, Object>>) file.get("setAside");
        assertEquals("surname: contains the control character U+0000 at character 2", setAside.get(0).get("reason"));
        JsonPath jo = person(nhs);
        org.junit.jupiter.api.Assertions.assertNull(jo.get("tenancies[0].endedOn"), "a row set aside is not a tenancy that ended");
        assertEquals("Lee", jo.getString("familyName"));
    }

    @Test
    void aDfgAwardAboveTheStreamsCeilingSetsItsRowAsideAndTheTenancyStays() throws Exception {
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        String nhs = newNhsNumber();
        // £30,000.01: one penny above the mandatory grant's upper limit (max-contribution-pence)
        String lead = "T-8,,2 Mill Lane,OL1 1XX,P-8,LEAD,Jo,Lee,01/01/1960,," + nhs
                + ",SECURE,01/04/2015,,Level-access shower,DFG-8,3000001,03/11/2026";
        Map<String, Object> file = drop("tenancies-" + provider + "-20261121.csv", HEADER + "\n" + lead + "\n",
                "DONE");

        List<Map<String, Object>> setAside = (List<Map<String, Object>>) file.get("setAside");
        assertEquals("dfg_award_pence: £30000.01 is more than the most one disabled facilities grant contribution"
                + " may be (£30000.00, max-contribution-pence of funding rule disabled-facilities-grant)",
                setAside.get(0).get("reason"));
        given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + nhs).then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));

        drop("tenancies-" + provider + "-20261122.csv", HEADER + "\n" + lead.replace(",3000001,", ",3000000,")
                + "\n", "DONE");
        assertEquals(3_000_000L, person(nhs).getLong("contributions[0].amountPence"));
    }

    @Test
    void anEmptyFileAndASnapshotDatedInTheFutureAreRefusedWholeWithTheirReasons() throws Exception {
        String provider = "HSG" + ThreadLocalRandom.current().nextInt(1_000_000);
        Map<String, Object> empty = drop("tenancies-" + provider + "-20261121.csv", "", "REJECTED");
        assertTrue(((String) empty.get("reason")).contains("the file is empty"), empty.toString());

        String future = java.time.LocalDate.now().plusDays(3).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        Map<String, Object> ahead = drop("tenancies-" + provider + "-" + future + ".csv", HEADER + "\n", "REJECTED");
        assertTrue(((String) ahead.get("reason")).contains("is in the future"), ahead.toString());
    }

    private Map<String, Object> drop(String name, String content, String expectedStatus) throws Exception {
        Files.createDirectories(inbox);
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, content);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(
                () -> files().stream().filter(f -> name.equals(f.get("fileName"))).findFirst().orElse(null),
                f -> f != null && expectedStatus.equals(f.get("status")));
    }

    private static List<Map<String, Object>> files() {
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("operator")).get("/api/inbound/files?agency=HOUSING")
                .then().statusCode(200).extract().asString()).getList("$");
    }

    private static JsonPath person(String nhs) {
        List<Map<String, Object>> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people?nhsNumber=" + nhs).then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, found.size(), "one person with NHS number " + nhs);
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + found.get(0).get("id"))
                .then().statusCode(200).extract().asString());
    }

    private static String spaced(String nhs) {
        return nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
    }

}
