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
     * Rows in COPY's text format, made one at a time as the copy reads them: nothing but the current row is held.
     */
    abstract static class Rows extends Reader {
        private final StringBuilder row = new StringBuilder(1_000);
        private int position;

        /** Appends the next row, ending in a newline, or nothing when there are no more; false at the end. */
        abstract boolean next(StringBuilder row) throws IOException;

        @Override
        public final int read(char[] into, int off, int len) throws IOException {
            while (position == row.length()) {
                row.setLength(0);
                position = 0;
                if (!next(row)) {
                    return -1;
                }
            }
            int n = Math.min(len, row.length() - position);
            row.getChars(position, position + n, into, off);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
        }
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
