package org.joinedup.hub.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentityProviderCheckTest {

    @Test
    void withoutAnIdentityProviderTheHubRefusesToStartAndSaysWhatToConfigure() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> IdentityProviderCheck.requireIdentityProvider(false, false));
        assertTrue(refused.getMessage().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), refused.getMessage());
        assertTrue(refused.getMessage().contains("MP_JWT_VERIFY_ISSUER"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> IdentityProviderCheck.requireIdentityProvider(true, false));
        assertThrows(IllegalStateException.class, () -> IdentityProviderCheck.requireIdentityProvider(false, true));
    }

    @Test
    void withKeyAndIssuerTheHubStarts() {
        assertDoesNotThrow(() -> IdentityProviderCheck.requireIdentityProvider(true, true));
    }
}
