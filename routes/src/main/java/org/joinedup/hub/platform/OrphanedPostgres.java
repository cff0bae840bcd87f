package org.joinedup.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A hub killed without a chance to stop its embedded PostgreSQL leaves that server running on its data directory. The
 * next hub on the directory (which holds {@link DataDirectoryLock}, so no live hub owns the server) stops it cleanly
 * and starts its own: it never uses a server it did not start. A server that does not stop is a refusal, saying
 * which process to stop.
 */
final class OrphanedPostgres {

    private static final Logger LOG = Logger.getLogger(OrphanedPostgres.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private OrphanedPostgres() {
    }

    static void stopIfRunning(Path dataDirectory) {
        Optional<ProcessHandle> orphan = postmaster(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        LOG.warnf("A PostgreSQL (process %d) left running on %s by a hub that ended without stopping it: stopping"
                + " it, and starting this hub's own", server.pid(), dataDirectory.toAbsolutePath());
        // SIGTERM: a smart shutdown, which the dead hub's connections (closed with it) do not hold up
        server.destroy();
        try {
            server.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            throw new IllegalStateException("a PostgreSQL (process " + server.pid() + ") left running on "
                    + dataDirectory.toAbsolutePath() + " by a hub that ended did not stop within " + STOP_WAIT
                    .toSeconds() + " s; stop it (kill " + server.pid() + ") and start the hub again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        LOG.infof("The orphaned PostgreSQL (process %d) has stopped", server.pid());
    }

    /** The live server process named by the directory's {@code postmaster.pid}, if it is a PostgreSQL. */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + pidFile, e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                        .orElse(false));
    }
}
