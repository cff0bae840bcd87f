package org.joinedup.hub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.joinedup.hub.platform.EmbeddedArtemisBroker;
import org.joinedup.hub.platform.EmbeddedPostgresServer;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Pointed at an external PostgreSQL and an external broker by configuration alone, the hub starts neither of its
 * own, migrates the external database and keeps its data there.
 */
class ExternalServersIT {

    @Test
    void usesThePostgresAndBrokerItIsPointedAt() throws Exception {
        Path outside = Files.createTempDirectory("joinedup-external-");
        int dbPort = HubTestResource.freePort();
        int brokerPort = HubTestResource.freePort();
        Path hubData = Files.createTempDirectory("joinedup-hub-data-");
        String dbPassword = "external-" + java.util.UUID.randomUUID();
        String brokerPassword = "external-" + java.util.UUID.randomUUID();
        try (EmbeddedPostgresServer db = EmbeddedPostgresServer.start(outside.resolve("pg"), dbPort, dbPassword);
                EmbeddedArtemisBroker broker = EmbeddedArtemisBroker.start(outside.resolve("broker"), brokerPort,
                        "DLQ", 5, new EmbeddedArtemisBroker.Accounts("joinedup", brokerPassword, "employment",
                                "employment-" + brokerPassword, "agency.employment.in"));
                HubProcess hub = new HubProcess(hubData).start("-Dquarkus.profile=demo",
                        "-Dquarkus.datasource.jdbc.url=" + EmbeddedPostgresServer.jdbcUrl(dbPort),
                        "-Dquarkus.datasource.password=" + dbPassword,
                        "-Dquarkus.artemis.url=" + EmbeddedArtemisBroker.url(brokerPort),
                        "-Dquarkus.artemis.username=joinedup", "-Dquarkus.artemis.password=" + brokerPassword)) {
            hub.awaitLog("JoinedUp is running with demo data", Duration.ofSeconds(180));

            assertTrue(hub.log().contains("Using external PostgreSQL at " + EmbeddedPostgresServer.jdbcUrl(dbPort)));
            assertTrue(hub.log().contains("Using external broker at " + EmbeddedArtemisBroker.url(brokerPort)));
            assertFalse(Files.exists(hubData.resolve("postgres")), "no embedded PostgreSQL was started");
            assertFalse(Files.exists(hubData.resolve("broker")), "no embedded broker was started");
            assertTrue(hub.get("/q/health", null).body().contains("\"UP\""));
            assertFalse(Files.exists(hubData.resolve("secrets").resolve("postgres.password")),
                    "no password is generated for a server the hub does not run");
            try (Connection c = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(dbPort), "postgres",
                    dbPassword); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from person_identifier where value = '9434765919'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the demo data is in the external database");
            }
        }
    }
}
