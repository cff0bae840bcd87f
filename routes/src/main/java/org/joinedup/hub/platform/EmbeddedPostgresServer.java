package org.joinedup.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL run by the hub itself, from binaries on the class path (a Maven artifact), keeping its data in
 * a directory so that it survives a restart. Works as root: the binaries run initdb and the server in a user
 * namespace.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on this data directory, its superuser {@code postgres} with this password. A new cluster is
     * made with password authentication on TCP (initdb {@code --auth-host=scram-sha-256 --pwfile}); a cluster made
     * before the hub generated its password (trusting every local TCP connection) gets the password and password
     * authentication now.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String password) {
        try {
            Files.createDirectories(dataDirectory);
            OrphanedPostgres.stopIfRunning(dataDirectory);
            PortCheck.requireFree(port, "hub.db.embedded-port", "the embedded PostgreSQL");
            Path passwordFile = Files.createTempFile("joinedup-pg-", ".pw");
            try {
                Files.writeString(passwordFile, password);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("pwfile", passwordFile.toString())
                        .setConnectConfig("password", password)
                        // the library's default (off) answers a commit before its WAL is on disk: a crash could lose
                        // an accepted message, a ledger posting or an audit entry already answered for
                        .setServerConfig("synchronous_commit", "on")
                        // and the library starts the server with -F (no fsync): a later -c fsync=on wins
                        .setServerConfig("fsync", "on")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
                requireOwnCluster(postgres, dataDirectory, port);
                requirePassword(postgres, dataDirectory, password);
                return new EmbeddedPostgresServer(postgres);
            } finally {
                Files.deleteIfExists(passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory
                    + " on port " + port, e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password", e);
        }
    }

    /**
     * The server that answers on the port must be the one just started on this data directory: should another have
     * taken the port in the moment since it was checked, the hub stops rather than write into somebody else's data.
     */
    private static void requireOwnCluster(EmbeddedPostgres postgres, Path dataDirectory, int port)
            throws IOException, java.sql.SQLException {
        String served;
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            served = rs.getString(1);
        }
        if (!Path.of(served).toRealPath().equals(dataDirectory.toRealPath())) {
            postgres.close();
            throw new IllegalStateException("the PostgreSQL answering on port " + port + " keeps its data in "
                    + served + ", not in " + dataDirectory.toAbsolutePath() + ": it is not this hub's. Give this hub"
                    + " a free port with hub.db.embedded-port (environment HUB_DB_EMBEDDED_PORT).");
        }
    }

    /** A cluster that still trusts TCP connections is given the password and made to ask for it. */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws IOException, java.sql.SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        java.util.List<String> lines = Files.readAllLines(hba);
        boolean trusting = lines.stream().anyMatch(l -> l.startsWith("host") && l.trim().endsWith("trust"));
        if (!trusting) {
            return;
        }
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.PreparedStatement alter = c.prepareStatement("select 1")) {
            alter.execute();
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("alter user postgres password '" + password.replace("'", "''") + "'");
            }
            Files.write(hba, lines.stream().map(l -> l.startsWith("host") && l.trim().endsWith("trust")
                    ? l.replaceAll("trust\\s*$", "scram-sha-256") : l).toList());
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("select pg_reload_conf()");
            }
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
