package org.joinedup.hub.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the hub's datasource and broker client the credentials {@link GeneratedSecrets} made for the embedded
 * servers, but only while they are the embedded ones: with an external PostgreSQL or broker configured, the
 * deployer's own credentials are used. Its ordinal is below {@code application.properties}, the environment and
 * system properties, so anything a deployer sets wins. The files are read (or made) only when a value is asked for.
 */
public class GeneratedCredentialsConfigSource implements ConfigSourceFactory {

    static final String DB_PASSWORD = "quarkus.datasource.password";
    static final String BROKER_USER = "quarkus.artemis.username";
    static final String BROKER_PASSWORD = "quarkus.artemis.password";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String dataDir = value(context, "hub.data-dir", "./data");
        String dbPort = value(context, "hub.db.embedded-port", "55432");
        String brokerPort = value(context, "hub.broker.port", "61616");
        String jdbcUrl = value(context, "quarkus.datasource.jdbc.url", "");
        String brokerUrl = value(context, "quarkus.artemis.url", "");
        boolean embeddedDb = jdbcUrl.isEmpty() || jdbcUrl.contains("${hub.db.embedded-port}")
                || jdbcUrl.equals(EmbeddedPostgresServer.jdbcUrl(Integer.parseInt(dbPort)));
        boolean embeddedBroker = brokerUrl.isEmpty() || brokerUrl.contains("${hub.broker.port}")
                || brokerUrl.equals(EmbeddedArtemisBroker.url(Integer.parseInt(brokerPort)));
        return List.of(new Source(Path.of(dataDir), embeddedDb, embeddedBroker));
    }

    @Override
    public java.util.OptionalInt getPriority() {
        return java.util.OptionalInt.of(150);
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? otherwise : value.getValue();
    }

    /** The generated credentials, read from the data directory when asked for. */
    static final class Source implements ConfigSource {

        private final Path dataDir;
        private final boolean embeddedDb;
        private final boolean embeddedBroker;

        Source(Path dataDir, boolean embeddedDb, boolean embeddedBroker) {
            this.dataDir = dataDir;
            this.embeddedDb = embeddedDb;
            this.embeddedBroker = embeddedBroker;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(DB_PASSWORD, BROKER_USER, BROKER_PASSWORD);
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public String getValue(String name) {
            return switch (name) {
                case DB_PASSWORD -> embeddedDb ? GeneratedSecrets.of(dataDir, GeneratedSecrets.POSTGRES) : null;
                case BROKER_USER -> embeddedBroker ? GeneratedSecrets.HUB_USER : null;
                case BROKER_PASSWORD -> embeddedBroker ? GeneratedSecrets.of(dataDir, GeneratedSecrets.BROKER_HUB)
                        : null;
                default -> null;
            };
        }

        @Override
        public int getOrdinal() {
            return 150;
        }

        @Override
        public String getName() {
            return "generated credentials of the embedded servers (" + dataDir.resolve("secrets") + ")";
        }
    }
}
