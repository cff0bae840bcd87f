package org.joinedup.hub.security;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.joinedup.hub.platform.HubConfig;

/**
 * Without demo users (that is, in production) the hub refuses to start unless an identity provider is configured
 * (and, with the web app's organisation sign-in on, the client it signs people in as); with demo users, it makes
 * the demo signing keys before the first request needs them.
 */
@ApplicationScoped
public class IdentityProviderCheck {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> keyLocation;

    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlineKey;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> signInServer;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    Optional<String> signInClient;

    @Inject
    HubConfig config;

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event) {
        if (config.web().organisationSignIn() && (signInServer.isEmpty() || signInClient.isEmpty())) {
            throw new IllegalStateException("hub.web.organisation-sign-in is on but the identity provider the web app"
                    + " signs people in with is not configured, so the hub will not start. Set"
                    + " QUARKUS_OIDC_AUTH_SERVER_URL (its issuer), QUARKUS_OIDC_CLIENT_ID and"
                    + " QUARKUS_OIDC_CREDENTIALS_SECRET (the hub's client at the identity provider).");
        }
        if (config.auth().demoUsersEnabled()) {
            DemoKeys.ensure(config.dataDir().resolve("demo-keys"));
            return;
        }
        requireIdentityProvider(keyLocation.isPresent() || inlineKey.isPresent(), issuer.isPresent());
    }

    /** Refuses to go on, saying what to configure, unless a verification key and an issuer are configured. */
    static void requireIdentityProvider(boolean hasVerificationKey, boolean hasIssuer) {
        if (!hasVerificationKey || !hasIssuer) {
            throw new IllegalStateException("No identity provider is configured, so the hub cannot check who is"
                    + " calling and will not start. Set MP_JWT_VERIFY_PUBLICKEY_LOCATION to your identity provider's"
                    + " JWKS URL (for example https://idp.example.org/realms/joinedup/protocol/openid-connect/certs)"
                    + " and MP_JWT_VERIFY_ISSUER to its issuer; tokens must carry roles in 'groups' and the"
                    + " organisation's ODS or GSS code in 'agency'. To try the hub without one, run it with"
                    + " -Dquarkus.profile=demo.");
        }
    }
}
