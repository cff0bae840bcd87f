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
 * and Artemis broker there, exactly as it does on a deployer's machine.
 */
public class HubTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("joinedup-test-");
            return Map.of(
                    "hub.data-dir", dataDir.toString(),
                    "hub.db.embedded-port", Integer.toString(freePort()),
                    "hub.broker.port", Integer.toString(freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
