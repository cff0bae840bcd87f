package org.joinedup.hub.security;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.jwt.build.Jwt;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.DemoUsers.DemoUser;

/**
 * {@code POST /auth/demo-token} (form field {@code user}): a signed JWT for a demo user, verified by the hub exactly
 * as an identity provider's token would be. Answers 404 outside the demo, dev and test profiles.
 */
@Path("/auth/demo-token")
public class DemoTokenResource {

    @Inject
    HubConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> token(@FormParam("user") String user) {
        if (!config.auth().demoUsersEnabled()) {
            throw new NotFoundException();
        }
        DemoUser demo = DemoUsers.find(user).orElseThrow(() -> new WebApplicationException(
                Response.status(400).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", "unknown demo user '" + user + "'; demo users are "
                                + String.join(", ", DemoUsers.names())))
                        .build()));
        Duration lifetime = Duration.ofHours(8);
        String token = Jwt.issuer(config.auth().demoIssuer())
                .upn(demo.name())
                .subject(demo.name())
                .groups(demo.roles())
                .claim(Caller.AGENCY_CLAIM, demo.agency())
                .expiresIn(lifetime)
                .sign(DemoKeys.ensure(config.dataDir().resolve("demo-keys")));
        return Map.of("access_token", token, "token_type", "Bearer", "expires_in", lifetime.toSeconds(),
                "agency", demo.agency(), "roles", demo.roles());
    }
}
