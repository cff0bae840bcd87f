package org.joinedup.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own data directory and free ports, and lets the hub start its real embedded PostgreSQL
 * and Artemis broker there, exactly as it does on a deployer's machine; the RAS rules are copied into
 * {@code <data dir>/ras} and read from there.
 */
public class HubTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("joinedup-test-");
            // the RAS rules from a directory of their own, as a deployer keeps them, so a test can change one
            Path ras = Files.createDirectories(dataDir.resolve("ras"));
            for (String rule : org.joinedup.model.assessment.RasRules.PACKAGED) {
                try (var in = HubTestResource.class.getResourceAsStream("/ras/" + rule + ".properties")) {
                    Files.copy(in, ras.resolve(rule + ".properties"));
                }
            }
            return Map.of(
                    "hub.data-dir", dataDir.toString(),
                    "hub.ras.directory", ras.toString(),
                    "hub.db.embedded-port", Integer.toString(freePort()),
                    "hub.broker.port", Integer.toString(freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** Ports handed out in this run: the system may offer a port again once it is closed, before its user binds it. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before in this run: two asked for at once (a hub's database and broker
     * ports) are never the same, which they once were, and the hub then refused to start.
     */
    public static int freePort() throws IOException {
        for (int tries = 0;; tries++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort()) || tries > 50) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
