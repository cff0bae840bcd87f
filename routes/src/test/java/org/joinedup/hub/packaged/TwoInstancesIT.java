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
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.joinedup.hub.platform.EmbeddedArtemisBroker;
import org.joinedup.hub.platform.EmbeddedPostgresServer;
import org.joinedup.hub.support.BenefitFiles;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.LoadEvents;
import org.joinedup.hub.support.TestPeople;
import org.junit.jupiter.api.Test;

/**
 * Two packaged hub instances on one external PostgreSQL and one broker, watching one shared inbox, share the work:
 * every file is taken by exactly one of them, queue consumers compete, council batches land on either (a payment on
 * one, its allocation on the other), and nothing is applied twice.
 */
class TwoInstancesIT {

    private static final String GSS = "E08000004";

    @Test
    void twoInstancesShareTheWorkAndApplyNothingTwice() throws Exception {
        Path outside = Files.createTempDirectory("joinedup-shared-");
        Path inboxes = Files.createDirectories(outside.resolve("inbox"));
        int dbPort = HubTestResource.freePort();
        int brokerPort = HubTestResource.freePort();
        String dbPassword = "shared-" + UUID.randomUUID();
        String brokerPassword = "shared-" + UUID.randomUUID();
        try (EmbeddedPostgresServer db = EmbeddedPostgresServer.start(outside.resolve("pg"), dbPort, dbPassword);
                EmbeddedArtemisBroker broker = EmbeddedArtemisBroker.start(outside.resolve("broker"), brokerPort,
                        "DLQ", 5, new EmbeddedArtemisBroker.Accounts("joinedup", brokerPassword, "employment",
                                "employment-" + brokerPassword, "agency.employment.in"));
                HubProcess first = instance(dbPort, dbPassword, brokerPort, brokerPassword, inboxes);
                HubProcess second = instance(dbPort, dbPassword, brokerPort, brokerPassword, inboxes)) {
            first.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            second.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));
            try (Connection c = connect(dbPort, dbPassword)) {
                assertEquals(2, count(c, "select count(*) from hub_instance"), "both instances are registered");
            }

            int files = 8;
            int details = 150;
            for (int month = 1; month <= files; month++) {
                dropBenefitsFile(inboxes.resolve("benefits"), "2025%02d".formatted(month), details);
            }
            int pairs = 150;
            List<String> toFirst = new ArrayList<>();
            List<String> toSecond = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String key = UUID.randomUUID().toString().substring(0, 13);
                String client = LoadEvents.client("TI", key, i);
                // the payment to one instance, the allocation it draws on to the other
                (i % 2 == 0 ? toFirst : toSecond).add(LoadEvents.payment(GSS, "TI", key, client));
                (i % 2 == 0 ? toSecond : toFirst).add(LoadEvents.allocation(GSS, "TI", key, client));
            }
            post(first, toFirst);
            post(second, toSecond);
            int awards = 300;
            sendAwards(brokerPort, brokerPassword, awards);

            try (Connection c = connect(dbPort, dbPassword)) {
                awaitQuiet(c, first);
                assertEquals(files, count(c, "select count(*) from benefit_file where gss = '" + GSS + "' and"
                        + " award_month < date '2026-01-01'"), "every file applied");
                assertEquals(files, count(c, "select count(*) from inbound_file where agency = 'BENEFITS' and"
                        + " file_name like 'BEN_" + GSS + "_2025%' and status = 'DONE'"),
                        "each file taken once: one record each, done");
                assertEquals((long) files * details, count(c, "select count(*) from benefit_award where gss = '"
                        + GSS + "' and award_month < date '2026-01-01'"), "no award applied twice");
                assertEquals(pairs, count(c, "select count(*) from council_payment where payment_id like 'TI-PAY-%'"));
                assertEquals(pairs * 700L, count(c, "select coalesce(sum(e.pence), 0) from ledger_entry e join"
                        + " council_payment p on p.contribution_id = e.contribution_id where e.account = 'PAID'"
                        + " and p.payment_id like 'TI-PAY-%'"), "each payment paid once");
                assertEquals(awards, count(c, "select count(*) from contribution where agency = 'EMPLOYMENT' and"
                        + " source_value like 'TI-%'"), "each award one contribution");
                assertEquals(0, count(c, "select count(*) from inbound_message where status = 'FAILED'"));
            }
            for (int month = 1; month <= files; month++) {
                String name = "BEN_" + GSS + "_2025%02d_01.DAT".formatted(month);
                assertTrue(Files.readString(inboxes.resolve("benefits").resolve("done").resolve(name + ".report.txt"))
                        .contains(details + " rows read, " + details + " applied"), name);
                long takenBy = java.util.stream.Stream.of(first.log(), second.log())
                        .filter(log -> log.contains("Applying file " + name)).count();
                assertEquals(1, takenBy, name + " taken by exactly one instance");
                assertEquals(1, first.log().split("Applying file " + name, -1).length
                        + second.log().split("Applying file " + name, -1).length - 2, name + " taken once");
            }
            assertTrue(!Files.exists(inboxes.resolve("benefits").resolve("rejected")) || Files.list(inboxes
                    .resolve("benefits").resolve("rejected")).findAny().isEmpty(), "nothing rejected");
        }
    }

    private static HubProcess instance(int dbPort, String dbPassword, int brokerPort, String brokerPassword,
            Path inboxes) throws Exception {
        return new HubProcess(Files.createTempDirectory("joinedup-instance-")).start("-Dquarkus.profile=demo",
                "-Dquarkus.datasource.jdbc.url=" + EmbeddedPostgresServer.jdbcUrl(dbPort),
                "-Dquarkus.datasource.password=" + dbPassword,
                "-Dquarkus.artemis.url=" + EmbeddedArtemisBroker.url(brokerPort),
                "-Dquarkus.artemis.username=joinedup", "-Dquarkus.artemis.password=" + brokerPassword,
                "-Dhub.benefits.inbox=" + inboxes.resolve("benefits"),
                "-Dhub.housing.inbox=" + inboxes.resolve("housing"));
    }

    private static void dropBenefitsFile(Path inbox, String month, int details) throws Exception {
        String[] records = new String[details];
        for (int i = 0; i < details; i++) {
            String nino = "JT" + month.substring(4) + "%04d".formatted(1000 + i) + "B";
            records[i] = BenefitFiles.detail(nino, "UC", 'A', 9_000 + i, TestPeople.bornOn(nino));
        }
        Files.createDirectories(inbox);
        String name = "BEN_" + GSS + "_" + month + "_01.DAT";
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, BenefitFiles.file(GSS, month, 1, records), StandardCharsets.ISO_8859_1);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void post(HubProcess hub, List<String> events) throws Exception {
        var answer = hub.postJson("/api/inbound/social-care/events:batch", hub.token("council"),
                "[" + String.join(",", events) + "]");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(events.size(), JsonPath.from(answer.body()).getInt("accepted"), answer.body());
    }

    private static void sendAwards(int brokerPort, String brokerPassword, int awards) {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (JMSContext context = factory.createContext("employment", "employment-" + brokerPassword)) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            var queue = context.createQueue("agency.employment.in");
            for (int i = 0; i < awards; i++) {
                String nino = "JT" + "%06d".formatted(500_000 + i) + "C";
                producer.send(queue, LoadEvents.award(UUID.randomUUID().toString(), nino, "TI"));
            }
        }
    }

    private static void awaitQuiet(Connection c, HubProcess hub) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        long open = -1;
        while (System.nanoTime() < deadline) {
            open = count(c, "select (select count(*) from inbound_message where status in ('RECEIVED', 'WAITING'))"
                    + " + (select count(*) from inbound_file where status in ('RUNNING', 'INTERRUPTED'))"
                    + " + (select 8 - count(*) from benefit_file where award_month < date '2026-01-01')");
            if (open == 0) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError(open + " messages or files still not applied:\n" + hub.log());
    }

    private static Connection connect(int port, String password) throws Exception {
        return DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), "postgres", password);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
