package org.joinedup.hub.platform;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * This hub, among the instances sharing its database: it has an id of its own for each run and says every few
 * seconds that it is alive, so the others can take over what it claimed (an inbox file: {@code InboxClaims}) once it
 * has died. {@link HubStartup} registers it once the database is up and unregisters it once the routes have stopped.
 */
@ApplicationScoped
public class HubInstance {

    private static final Logger LOG = Logger.getLogger(HubInstance.class);
    /** How often an instance says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** An instance not heard from for this long has died; what it claimed may be taken over. */
    public static final Duration PRESUMED_DEAD = Duration.ofSeconds(15);

    private final String id = UUID.randomUUID().toString();

    @Inject
    DataSource database;

    @Inject
    HubConfig config;

    private ScheduledExecutorService heartbeat;

    public String id() {
        return id;
    }

    /** Registers this run and starts its heartbeat; called once the database is up, before the inboxes open. */
    synchronized void register() {
        update("insert into hub_instance (id, host, data_dir) values (?, ?, ?)", id, host(),
                config.dataDir().toAbsolutePath().toString());
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "joinedup-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.infof("Hub instance %s on %s", id, host());
    }

    private void beat() {
        try {
            update("update hub_instance set seen_at = now() where id = ?", id);
            // instances long dead are forgotten (their claims are taken over already)
            update("delete from hub_instance where seen_at < now() - interval '1 day'");
        } catch (RuntimeException e) {
            LOG.warnf("could not say this hub instance is alive: %s", e.getMessage());
        }
    }

    /** A stopping instance says so (once its routes have stopped): what it still claims is free at once. */
    synchronized void unregister() {
        if (heartbeat == null) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            update("delete from inbox_claim where instance = ?", id);
            update("delete from hub_instance where id = ?", id);
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not unregister hub instance %s", id);
        }
    }

    private void update(String sql, String... parameters) {
        try (Connection c = database.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return "unknown";
        }
    }
}
