package org.joinedup.hub.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.DemoUsers;
import org.joinedup.hub.security.DemoUsers.DemoUser;

/**
 * Signing in and out of the web app. The page offers the organisation's identity provider when it is configured
 * ({@link OrganisationSignIn}), and in the demo, dev and test profiles lists the demo users. Each sign-in starts a
 * new session and ends any the browser had ({@link WebSignIns}).
 */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    public static final String PATH = "/app/sign-in";

    /** The sign-in form's own CSRF token (there is no session yet to hold one). */
    public static final String FORM_COOKIE = "joinedup-sign-in";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(Chrome chrome, List<DemoUser> users, boolean organisationSignIn,
                String formToken, String error, boolean signedOut);

        static native TemplateInstance nothingHere(Chrome chrome);
    }

    @Inject
    HubConfig config;

    @Inject
    WebSignIns signIns;

    @Inject
    Pages pages;

    @Inject
    Access access;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    @Path("/sign-in")
    public Response form(@QueryParam("signedOut") boolean signedOut) {
        return form(200, null, signedOut);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("user") String user, @CookieParam(WebSessions.COOKIE) String oldSession) {
        if (!config.auth().demoUsersEnabled()) {
            return form(404, null, false);
        }
        Optional<DemoUser> chosen = DemoUsers.find(user);
        if (chosen.isEmpty()) {
            return form(400, "Select who you are signing in as", false);
        }
        DemoUser demo = chosen.get();
        return signIns.begin(oldSession, demo.name(), demo.fullName(), demo.roles(), demo.agency(), WebSignIns.Method.DEMO,
                formCookie("", 0));
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@CookieParam(WebSessions.COOKIE) String session) {
        return Response.seeOther(URI.create(PATH + "?signedOut=true")).cookie(signIns.end(session, "sign-out"))
                .build();
    }

    /** {@code /app}: the first page the signed-in person's roles open. */
    @GET
    public Response start() {
        access.operation(Access.Action.READ, "Page/start");
        return Response.seeOther(URI.create(Pages.home(identity.getRoles()))).build();
    }

    @GET
    @Path("/nothing-here")
    public TemplateInstance nothingHere() {
        access.operation(Access.Action.READ, "Page/nothing-here");
        return Templates.nothingHere(pages.chrome("No pages for your role yet", null));
    }

    private Response form(int status, String error, boolean signedOut) {
        String formToken = WebSessions.random();
        Chrome chrome = pages.chrome(config.auth().demoUsersEnabled() ? "Sign in" : "Sign in through your"
                + " organisation", null);
        return Response.fromResponse(Pages.html(status, Templates.signIn(chrome, config.auth().demoUsersEnabled()
                ? DemoUsers.all() : List.of(), config.web().organisationSignIn(), formToken, error, signedOut)))
                .cookie(formCookie(formToken, -1)).build();
    }

    private NewCookie formCookie(String value, int maxAge) {
        return new NewCookie.Builder(FORM_COOKIE).value(value).path(PATH).maxAge(maxAge).httpOnly(true)
                .secure(config.web().secureCookies()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
