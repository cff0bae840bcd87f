package org.joinedup.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A hub of its own with the demo family loaded through the real connectors on start (as the README's first command
 * does), so tests can read Dave's record as each demo organisation; break-glass lasts seconds here, not hours.
 */
public class DemoFamilyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            // the demo loader talks to the hub over HTTP on quarkus.http.port: the port the test hub listens on
            String port = Integer.toString(HubTestResource.freePort());
            return Map.of("hub.demo.load-data", "true", "quarkus.http.test-port", port, "quarkus.http.port", port,
                    "hub.access.break-glass-duration", "PT6S");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
