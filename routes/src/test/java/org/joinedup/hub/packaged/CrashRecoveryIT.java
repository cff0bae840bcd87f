package org.joinedup.hub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.restassured.path.json.JsonPath;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.joinedup.hub.platform.EmbeddedPostgresServer;
import org.joinedup.hub.platform.GeneratedSecrets;
import org.joinedup.hub.support.BenefitFiles;
import org.joinedup.hub.support.LoadEvents;
import org.joinedup.hub.support.TestPeople;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub killed ({@code kill -9}) during mixed ingest, council batches (each payment sent before the
 * allocation it draws on), employment events on the queue and a benefits file at once, then started again on the
 * same data: first the hub alone (its PostgreSQL left running), then the hub and its PostgreSQL. Every council event
 * the hub answered for and every employment event the broker took ends applied, once; the file ends applied whole,
 * once; nothing stays received, waiting or running. Last, a stop (SIGTERM) while another file is being applied: after
 * the next start it is applied, once.
 */
class CrashRecoveryIT {

    private static final String GSS = "E08000004";

    private final Set<String> acceptedCouncilEvents = ConcurrentHashMap.newKeySet();
    private final Set<String> paymentIds = ConcurrentHashMap.newKeySet();
    private final Set<String> brokerTookEmployment = ConcurrentHashMap.newKeySet();

    @Test
    void everyAcceptedMessageEndsAppliedOnceAfterKillNineDuringMixedIngest() throws Exception {
        Path dataDir = Files.createTempDirectory("joinedup-crash-");
        String fileMonth = "202611";
        String file = "BEN_" + GSS + "_" + fileMonth + "_07.DAT";
        int details = 10_000; // long enough to be killed while it is applied (tens of seconds on a fresh hub)

        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            dropBenefitsFile(dataDir, file, fileMonth, details);
            loadUntilCrash(hub, dataDir, false);
        }
        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            assertTrue(hub.log().contains("left running on"), "the orphaned PostgreSQL was found and stopped");
            loadUntilCrash(hub, dataDir, true);
        }
        // and a stop (SIGTERM) while another file is being applied: it finishes it or lets it go, never half
        String secondMonth = "202610";
        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            dropBenefitsFile(dataDir, "BEN_" + GSS + "_" + secondMonth + "_08.DAT", secondMonth, details);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!fileRunning(hub, "_08.DAT") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(fileRunning(hub, "_08.DAT"), "the second file is being applied when the stop comes");
        }
        try (HubProcess hub = new HubProcess(dataDir).start("-Dquarkus.profile=demo")) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            awaitQuiet(hub);
            assertEverythingAppliedOnce(hub, fileMonth, details);
            try (Connection db = database(hub)) {
                assertEquals(details, count(db, "select count(*) from benefit_award where gss = '" + GSS + "' and"
                        + " award_month = date '2026-10-01' and nino like 'JB%'"), "the stopped file applied once");
            }
        }
    }

    /** Council batches and employment events from two threads until the hub is killed while applying them. */
    private void loadUntilCrash(HubProcess hub, Path dataDir, boolean withDatabase) throws Exception {
        AtomicBoolean going = new AtomicBoolean(true);
        String council = hub.token("council");
        Thread councilSender = new Thread(() -> {
            for (int batch = 0; batch < 10 && going.get(); batch++) {
                List<String> events = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String key = UUID.randomUUID().toString().substring(0, 13);
                    String client = LoadEvents.client("CR", key, i);
                    events.add(LoadEvents.payment(GSS, "CR", key, client));
                    events.add(LoadEvents.allocation(GSS, "CR", key, client));
                    String paymentEvent = "CR-P-" + key;
                    String payment = "CR-PAY-" + key;
                    String allocationEvent = "CR-A-" + key;
                    ids.add(paymentEvent + " " + payment);
                    ids.add(allocationEvent);
                }
                try {
                    var answer = hub.postJson("/api/inbound/social-care/events:batch", council,
                            "[" + String.join(",", events) + "]");
                    if (answer.statusCode() == 200 && JsonPath.from(answer.body()).getInt("accepted") == 200) {
                        for (String id : ids) {
                            String[] parts = id.split(" ");
                            acceptedCouncilEvents.add(parts[0]);
                            if (parts.length > 1) {
                                paymentIds.add(parts[1]);
                            }
                        }
                    }
                } catch (Exception hubGone) {
                    return;
                }
            }
        }, "council-sender");
        Thread employmentSender = new Thread(() -> {
            var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + hub.brokerPort);
            try (JMSContext context = factory.createContext(GeneratedSecrets.EMPLOYMENT_USER,
                    Files.readString(GeneratedSecrets.file(dataDir, GeneratedSecrets.BROKER_EMPLOYMENT)).trim())) {
                JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                var queue = context.createQueue("agency.employment.in");
                while (going.get()) {
                    String nino = "JC" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)) + "D";
                    String messageId = UUID.randomUUID().toString();
                    producer.send(queue, LoadEvents.award(messageId, nino, "CR"));
                    brokerTookEmployment.add(messageId); // a persistent send returns once the broker has it on disk
                }
            } catch (Exception hubGone) {
                // the broker died with the hub
            }
        }, "employment-sender");
        councilSender.start();
        employmentSender.start();
        // kill it while it is busy: council events stored and queued, some applied, the file being applied
        int council0 = acceptedCouncilEvents.size();
        int employment0 = brokerTookEmployment.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && (acceptedCouncilEvents.size() - council0 < 1_000
                || brokerTookEmployment.size() - employment0 < 300 || !withDatabase && !fileRunning(hub, "_07.DAT"))) {
            Thread.sleep(200);
        }
        boolean fileWasRunning = withDatabase || fileRunning(hub, "_07.DAT");
        if (withDatabase) {
            hub.crash();
        } else {
            hub.kill();
        }
        going.set(false);
        councilSender.join(60_000);
        employmentSender.join(60_000);
        assertTrue(acceptedCouncilEvents.size() - council0 >= 1_000 && brokerTookEmployment.size() - employment0 >= 300
                && fileWasRunning, "load before the crash: " + (acceptedCouncilEvents.size() - council0)
                        + " council events, " + (brokerTookEmployment.size() - employment0)
                        + " employment events, the file being applied: "
                        + fileWasRunning);
    }

    /** Whether the benefits file whose name ends so is being applied right now. */
    private static boolean fileRunning(HubProcess hub, String ending) {
        try {
            return count(hub, "select count(*) from inbound_file where agency = 'BENEFITS' and status = 'RUNNING'"
                    + " and file_name like '%" + ending + "'") > 0;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void dropBenefitsFile(Path dataDir, String name, String month, int details) throws Exception {
        String[] records = new String[details];
        for (int i = 0; i < details; i++) {
            String nino = "JB" + "%06d".formatted(100_000 + i) + "A";
            records[i] = BenefitFiles.detail(nino, "UC", 'A', 9_000 + i, TestPeople.bornOn(nino));
        }
        Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve("benefits"));
        Path part = inbox.resolve(name + ".part");
        int sequence = Integer.parseInt(name.substring(name.length() - 6, name.length() - 4));
        Files.writeString(part, BenefitFiles.file(GSS, month, sequence, records), StandardCharsets.ISO_8859_1);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Until nothing is left received, waiting or running (the recovered backlog applied). */
    private static void awaitQuiet(HubProcess hub) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        long open = -1;
        while (System.nanoTime() < deadline) {
            open = count(hub, "select (select count(*) from inbound_message where status in ('RECEIVED', 'WAITING'))"
                    + " + (select count(*) from inbound_file where status in ('RUNNING', 'INTERRUPTED'))");
            if (open == 0) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError(open + " messages or files still not applied:\n" + hub.log());
    }

    private void assertEverythingAppliedOnce(HubProcess hub, String month, int details) throws Exception {
        try (Connection db = database(hub)) {
            for (String eventId : acceptedCouncilEvents) {
                assertEquals("APPLIED", one(db, "select status from inbound_message where agency = 'SOCIAL_CARE'"
                        + " and agency_message_id = ?", eventId), "council event " + eventId);
            }
            for (String messageId : brokerTookEmployment) {
                assertEquals("APPLIED", one(db, "select status from inbound_message where agency = 'EMPLOYMENT'"
                        + " and agency_message_id = ?", messageId), "employment event " + messageId);
            }
            // once: one payment, one ledger posting and 700p paid per payment id; one contribution per award
            long payments = count(db, "select count(*) from council_payment where payment_id like 'CR-PAY-%'");
            long applied = count(db, "select count(distinct agency_message_id) from inbound_message where"
                    + " agency = 'SOCIAL_CARE' and agency_message_id like 'CR-P-%' and status = 'APPLIED'");
            assertEquals(applied, payments, "a payment per applied payment event");
            assertTrue(payments >= paymentIds.size());
            assertEquals(payments * 700, count(db, "select coalesce(sum(e.pence), 0) from ledger_entry e join"
                    + " council_payment p on p.contribution_id = e.contribution_id where e.account = 'PAID'"
                    + " and p.payment_id like 'CR-PAY-%'"), "each payment paid once from its allocation");
            assertEquals(count(db, "select count(*) from inbound_message where agency = 'EMPLOYMENT' and status ="
                    + " 'APPLIED' and payload like '%CR-%'"), count(db, "select count(*) from contribution where"
                    + " agency = 'EMPLOYMENT' and source_value like 'CR-%'"), "a contribution per applied award");
            assertEquals(details, count(db, "select count(*) from benefit_award where gss = '" + GSS + "' and"
                    + " award_month = date '" + month.substring(0, 4) + "-" + month.substring(4) + "-01'"
                    + " and nino like 'JB%'"), "the file applied whole, once");
            assertEquals(0, count(db, "select count(*) from inbound_message where status = 'FAILED'"),
                    "nothing failed");
        }
    }

    private static Connection database(HubProcess hub) throws Exception {
        return DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(hub.dbPort), "postgres",
                Files.readString(GeneratedSecrets.file(hub.dataDir, GeneratedSecrets.POSTGRES)).trim());
    }

    private static long count(HubProcess hub, String sql) throws Exception {
        try (Connection db = database(hub)) {
            return count(db, sql);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String one(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : "not stored";
            }
        }
    }
}
