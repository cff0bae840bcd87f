package org.joinedup.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import org.postgresql.PGConnection;

/**
 * The limit a file or batch benchmark is measured against, in the same run: how long the hub's own PostgreSQL takes
 * to {@code COPY} the same rows into a table of the same shape, with nothing else done to them (no checks, no
 * linking, no indexes beyond the table's). The hub cannot be faster than that; the ratio says how far it is from it.
 * Options: {@code --db-url} (default the embedded one, {@code jdbc:postgresql://127.0.0.1:55432/postgres}),
 * {@code --db-user} ({@code postgres}) and the password from {@code <data dir>/secrets/postgres.password} or
 * {@code --db-password}.
 */
final class CopyLimit {

    private final String url;
    private final String user;
    private final String password;

    private CopyLimit(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static CopyLimit from(Args a, String dataDir) {
        String url = a.string("db-url", "jdbc:postgresql://127.0.0.1:55432/postgres");
        String user = a.string("db-user", "postgres");
        String password = a.string("db-password", null);
        if (password == null) {
            Path secret = Path.of(dataDir, "secrets", "postgres.password");
            try {
                password = Files.isReadable(secret) ? Files.readString(secret).trim() : "";
            } catch (IOException e) {
                password = "";
            }
        }
        return new CopyLimit(url, user, password);
    }

    /**
     * Seconds to copy the rows {@code rows} gives (COPY's text format) into a temporary table made by
     * {@code create}; empty, saying why, when the database cannot be reached.
     */
    Optional<Double> seconds(String create, String copy, Reader rows) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute(create);
            }
            long t0 = System.nanoTime();
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, rows, 1 << 16);
            connection.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  limit: PostgreSQL COPY of the same %,d rows (%s) in %.2f s%n", copied,
                    url, seconds);
            return Optional.of(seconds);
        } catch (SQLException | IOException e) {
            System.out.println("  limit not measured: " + e.getMessage() + " (give --db-url, --db-user, --db-password)");
            return Optional.empty();
        }
    }
}
