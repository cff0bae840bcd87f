package org.joinedup.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A hub that signs people in to the web app through an organisation's identity provider ({@link
 * TestIdentityProvider}), configured as a deployer would: the issuer, the client id and its secret.
 */
public class OrganisationSignInProfile implements QuarkusTestProfile {

    /** A coordinator at Oldham Council. */
    public static final TestIdentityProvider.Account COORDINATOR = new TestIdentityProvider.Account(
            "sam.patel@oldham.gov.uk", "Sam Patel", Set.of("coordinator", "all-staff"), "E08000004");
    /** A colleague the council's directory knows, with no JoinedUp role. */
    public static final TestIdentityProvider.Account NO_ROLE = new TestIdentityProvider.Account(
            "pat.jones@oldham.gov.uk", "Pat Jones", Set.of("all-staff"), "E08000004");
    /** A coordinator whose account names no organisation. */
    public static final TestIdentityProvider.Account NO_ORGANISATION = new TestIdentityProvider.Account(
            "lee.green@oldham.gov.uk", "Lee Green", Set.of("coordinator"), null);

    private static TestIdentityProvider provider;

    /** The identity provider the hub of this profile trusts. */
    public static TestIdentityProvider provider() {
        return provider;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hub.web.organisation-sign-in", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Provider.class));
    }

    /** Starts the identity provider before the hub, and tells the hub where it is. */
    public static class Provider implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                provider = TestIdentityProvider.start(List.of(COORDINATOR, NO_ROLE, NO_ORGANISATION));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.oidc.auth-server-url", provider.issuer(),
                    "quarkus.oidc.client-id", TestIdentityProvider.CLIENT_ID,
                    "quarkus.oidc.credentials.secret", TestIdentityProvider.CLIENT_SECRET);
        }

        @Override
        public void stop() {
            if (provider != null) {
                provider.close();
            }
        }
    }
}
