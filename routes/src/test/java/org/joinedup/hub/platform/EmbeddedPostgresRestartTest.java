package org.joinedup.hub.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL keeps its data in the data directory: the hub's migrations run on a fresh one, what was
 * stored is still there after the server is stopped and started again on the same directory, and it asks for its
 * generated password.
 */
class EmbeddedPostgresRestartTest {

    private static final String PASSWORD = "generated-" + java.util.UUID.randomUUID();

    @Test
    void migratesAFreshDatabaseAndKeepsDataAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("joinedup-pg-restart-").resolve("postgres");
        int port = HubTestResource.freePort();
        String url = EmbeddedPostgresServer.jdbcUrl(port);

        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dataDir, port, PASSWORD)) {
            var result = Flyway.configure().dataSource(url, "postgres", PASSWORD)
                    .locations("classpath:db/migration").load().migrate();
            assertEquals(result.migrationsExecuted, countMigrationFiles(), "every migration ran on a fresh database");
            execute(url, "insert into person (id, given_name, family_name) values "
                    + "('6c2b9e5e-2d57-4c55-b2a4-6a2b0a3f7a10', 'David', 'Hughes')");
        }

        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dataDir, port, PASSWORD)) {
            var again = Flyway.configure().dataSource(url, "postgres", PASSWORD)
                    .locations("classpath:db/migration").load().migrate();
            assertEquals(0, again.migrationsExecuted, "a restart finds the schema already migrated");
            assertEquals("Hughes", queryOne(url,
                    "select family_name from person where id = '6c2b9e5e-2d57-4c55-b2a4-6a2b0a3f7a10'"));
            // it asks for the password: the well-known default, or none, does not get in
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, "postgres", "postgres").close());
        }
    }

    private static int countMigrationFiles() throws Exception {
        try (var files = Files.list(Path.of(EmbeddedPostgresRestartTest.class.getResource("/db/migration").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
