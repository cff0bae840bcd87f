package org.joinedup.hub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub crashed (SIGKILL to the JVM and its PostgreSQL) right after answering reads of Dave's record:
 * on restart every read it answered is in the audit, and the chain verifies. An answer is never sent for a read
 * whose audit entry could still be lost.
 */
class AuditDurabilityIT {

    @Test
    void noAnsweredReadIsMissingFromTheAuditAfterAKillNine() throws Exception {
        Path dataDir = Files.createTempDirectory("joinedup-audit-crash-");
        String dave;
        int answered = 0;
        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            String coordinator = hub.token("coordinator");
            dave = JsonPath.from(hub.get("/api/people?nhsNumber=9434765919", coordinator).body()).getString("[0].id");
            String trust = hub.token("trust");
            for (int i = 0; i < 25; i++) {
                answered += hub.get("/api/people/" + dave, trust).statusCode() == 200 ? 1 : 0;
            }
            hub.crash();
        }
        assertEquals(25, answered);

        try (HubProcess again = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            again.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            List<Map<String, Object>> log = JsonPath.from(again.get("/api/people/" + dave + "/access-log",
                    again.token("coordinator")).body()).getList("$");
            long trustReads = log.stream().filter(e -> "trust".equals(e.get("user"))
                    && ("Person/" + dave).equals(e.get("what"))).count();
            assertEquals(answered, trustReads, "every answered read is in the audit after the crash");
            JsonPath verified = JsonPath.from(again.get("/api/audit/verify", again.token("operator")).body());
            assertTrue(verified.getBoolean("intact"), verified.prettify());
        }
    }
}
