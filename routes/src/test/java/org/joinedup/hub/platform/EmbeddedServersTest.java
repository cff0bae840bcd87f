package org.joinedup.hub.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers are as durable as a production database, never attach to a server they did not start, and
 * clear away what a dead hub left running on their data directory.
 */
class EmbeddedServersTest {

    private static final String PASSWORD = "generated-" + java.util.UUID.randomUUID();

    @Test
    void theEmbeddedPostgresqlWritesEveryCommitToDiskBeforeAnsweringIt() throws Exception {
        Path dir = Files.createTempDirectory("joinedup-pg-durable-").resolve("postgres");
        int port = HubTestResource.freePort();
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dir, port, PASSWORD)) {
            assertEquals("on", queryOne(port, "show fsync"));
            assertEquals("on", queryOne(port, "show synchronous_commit"));
            assertEquals("on", queryOne(port, "show full_page_writes"));
        }
    }

    @Test
    void aSecondPostgresqlOnAnotherDataDirectoryRefusesAPortInUseAndLeavesTheFirstOnesDataAlone() throws Exception {
        Path first = Files.createTempDirectory("joinedup-pg-first-").resolve("postgres");
        Path second = Files.createTempDirectory("joinedup-pg-second-").resolve("postgres");
        int port = HubTestResource.freePort();
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(first, port, PASSWORD)) {
            execute(port, "create table kept (what text)");
            execute(port, "insert into kept values ('the first hub''s row')");

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedPostgresServer.start(second, port, "another-password"));

            assertTrue(refused.getMessage().contains("port " + port), refused.getMessage());
            assertTrue(refused.getMessage().contains("hub.db.embedded-port"), refused.getMessage());
            assertEquals("the first hub's row", queryOne(port, "select what from kept"));
            assertEquals("1", queryOne(port, "select count(*) from kept"));
            assertFalse(Files.exists(second.resolve("PG_VERSION")), "no cluster was made for the second hub");
        }
    }

    @Test
    void theEmbeddedBrokerRefusesAPortInUseNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path dir = Files.createTempDirectory("joinedup-broker-");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedArtemisBroker.start(dir, taken.getLocalPort(), "DLQ", 3,
                            new EmbeddedArtemisBroker.Accounts("hub", "pw", "employment", "pw2", "agency.in")));
            assertTrue(refused.getMessage().contains("port " + taken.getLocalPort()), refused.getMessage());
            assertTrue(refused.getMessage().contains("hub.broker.port"), refused.getMessage());
        }
    }

    @Test
    void oneHubPerDataDirectory() throws Exception {
        Path dir = Files.createTempDirectory("joinedup-data-");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dir)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> DataDirectoryLock.acquire(dir));
            assertTrue(refused.getMessage().contains("in use by another hub"), refused.getMessage());
            assertTrue(refused.getMessage().contains("hub.data-dir"), refused.getMessage());
        }
        DataDirectoryLock.acquire(dir).close(); // released when the hub stops
    }

    /**
     * A hub killed with its PostgreSQL still running (a child process that outlived it): the next start on the
     * directory stops that server and runs its own, with the data as it was.
     */
    @Test
    void aPostgresqlLeftRunningByADeadHubIsStoppedAndReplacedNotReused() throws Exception {
        Path dir = Files.createTempDirectory("joinedup-pg-orphan-").resolve("postgres");
        int port = HubTestResource.freePort();
        Process deadHub = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubThatDiesWithItsDatabaseRunning.class.getName(),
                dir.toString(), Integer.toString(port), PASSWORD)).inheritIO().start();
        assertTrue(deadHub.waitFor(120, TimeUnit.SECONDS), "the hub that dies started its database and died");
        long orphan = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "its PostgreSQL outlived it");
        assertEquals("written before the crash", queryOne(port, "select what from kept"));

        int newPort = HubTestResource.freePort();
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dir, newPort, PASSWORD)) {
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                    "the orphaned server was stopped");
            long serving = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
            assertTrue(serving != orphan, "a server of this hub's own serves the directory");
            assertEquals("written before the crash", queryOne(newPort, "select what from kept"));
        }
    }

    /** Starts an embedded PostgreSQL, writes a row, and halts as {@code kill -9} would, leaving the server up. */
    public static final class HubThatDiesWithItsDatabaseRunning {
        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[1]);
            EmbeddedPostgresServer.start(Path.of(args[0]), port, args[2]);
            try (Connection c = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), "postgres", args[2]);
                    Statement s = c.createStatement()) {
                s.execute("create table kept (what text)");
                s.execute("insert into kept values ('written before the crash')");
            }
            Runtime.getRuntime().halt(0);
        }
    }

    private static void execute(int port, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), "postgres", PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(int port, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), "postgres", PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
