package org.joinedup.hub.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the hub up in order: the lock on its data directory (one hub per directory), its own PostgreSQL (unless an external one is configured), the schema migration, its
 * own broker (unless an external one is configured), and only then the Camel routes, so no route runs against a
 * database or broker that is not there yet. Fires {@link HubReady} when done.
 */
@ApplicationScoped
public class HubStartup {

    private static final Logger LOG = Logger.getLogger(HubStartup.class);

    @Inject
    HubConfig config;

    @Inject
    Flyway flyway;

    @Inject
    CamelContext camel;

    @Inject
    Event<HubReady> ready;

    @Inject
    HubInstance instance;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.artemis.url")
    String brokerUrl;

    private DataDirectoryLock dataDirectoryLock;
    private EmbeddedPostgresServer postgres;
    private EmbeddedArtemisBroker broker;

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        long began = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        if (config.access().benchmarkBypass()) {
            if (!config.auth().demoUsersEnabled()) {
                throw new IllegalStateException("hub.access.benchmark-bypass turns access control and the audit off"
                        + " to measure their cost; it is refused outside the demo, dev and test profiles");
            }
            LOG.warn("hub.access.benchmark-bypass is on: every request is permitted in full and NOTHING IS AUDITED."
                    + " For measuring the cost of access control only.");
        }
        dataDirectoryLock = DataDirectoryLock.acquire(config.dataDir());
        if (jdbcUrl.equals(EmbeddedPostgresServer.jdbcUrl(config.db().embeddedPort()))) {
            postgres = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), config.db().embeddedPort(),
                    GeneratedSecrets.of(config.dataDir(), GeneratedSecrets.POSTGRES));
            LOG.infof("Embedded PostgreSQL up on port %d, data in %s", postgres.port(),
                    config.dataDir().resolve("postgres").toAbsolutePath());
        } else {
            LOG.infof("Using external PostgreSQL at %s", jdbcUrl);
        }
        var migration = flyway.migrate();
        LOG.infof("Schema at version %s (%d migrations applied now)", migration.targetSchemaVersion,
                migration.migrationsExecuted);
        instance.register();
        if (brokerUrl.equals(EmbeddedArtemisBroker.url(config.broker().port()))) {
            broker = EmbeddedArtemisBroker.start(config.dataDir().resolve("broker"), config.broker().port(),
                    config.broker().deadLetterQueue(), config.broker().maxDeliveryAttempts(),
                    new EmbeddedArtemisBroker.Accounts(GeneratedSecrets.HUB_USER,
                            GeneratedSecrets.of(config.dataDir(), GeneratedSecrets.BROKER_HUB),
                            GeneratedSecrets.EMPLOYMENT_USER,
                            GeneratedSecrets.of(config.dataDir(), GeneratedSecrets.BROKER_EMPLOYMENT),
                            config.employment().queue()));
            LOG.infof("Embedded Artemis broker up on port %d (CORE and AMQP), journal in %s; the employment"
                    + " services connect as '%s' with the password in %s", config.broker().port(),
                    config.dataDir().resolve("broker").toAbsolutePath(), GeneratedSecrets.EMPLOYMENT_USER,
                    GeneratedSecrets.file(config.dataDir(), GeneratedSecrets.BROKER_EMPLOYMENT).toAbsolutePath());
        } else {
            LOG.infof("Using external broker at %s", brokerUrl);
        }
        camel.getRouteController().startAllRoutes();
        LOG.infof("Hub routes started in %d ms", (System.nanoTime() - began) / 1_000_000);
        ready.fire(new HubReady(startedAt));
    }

    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event) throws Exception {
        camel.getRouteController().stopAllRoutes();
        instance.unregister();
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectoryLock != null) {
            dataDirectoryLock.close();
        }
    }

    /**
     * Fired once the database, the broker and the routes are up.
     *
     * @param startedAt when this hub began to start: work recorded as under way before then belongs to a hub that
     *        has stopped
     */
    public record HubReady(java.time.Instant startedAt) {
    }
}
