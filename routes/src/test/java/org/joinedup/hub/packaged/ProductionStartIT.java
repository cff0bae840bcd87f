package org.joinedup.hub.packaged;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The production profile without an identity provider refuses to start and says what to configure. */
class ProductionStartIT {

    @Test
    void refusesToStartWithoutAnIdentityProvider() throws Exception {
        try (HubProcess hub = new HubProcess(Files.createTempDirectory("joinedup-prod-")).start()) {
            int exit = hub.awaitExit(Duration.ofSeconds(120));
            assertNotEquals(0, exit);
            String log = hub.log();
            assertTrue(log.contains("No identity provider is configured"), log);
            assertTrue(log.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), log);
        }
    }
}
