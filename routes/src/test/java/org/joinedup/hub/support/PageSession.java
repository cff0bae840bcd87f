package org.joinedup.hub.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** Signing in to the web app over plain HTTP (no browser), as a form post would, for the security tests. */
public final class PageSession {

    public static final String COOKIE = "joinedup-session";

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private PageSession() {
    }

    /** Signs in as the demo user; answers the session cookie's value. */
    public static String signIn(String user) {
        return signIn(user, null).getCookie(COOKIE);
    }

    /** Signs in as the demo user, sending {@code plantedSession} as the session cookie if given; the answer. */
    public static Response signIn(String user, String plantedSession) {
        Response form = given().redirects().follow(false).get("/app/sign-in");
        var post = given().redirects().follow(false).cookie("joinedup-sign-in", form.getCookie("joinedup-sign-in"))
                .formParam("csrf", csrf(form.asString())).formParam("user", user);
        if (plantedSession != null) {
            post.cookie(COOKIE, plantedSession);
        }
        Response signedIn = post.post("/app/sign-in");
        assertEquals(303, signedIn.statusCode(), "signing in as " + user);
        return signedIn;
    }

    /** A page as the signed-in session sees it (redirects not followed). */
    public static Response get(String session, String path) {
        return given().redirects().follow(false).cookie(COOKIE, session).get(path);
    }

    /** The CSRF token of a page's forms. */
    public static String csrf(String html) {
        Matcher found = CSRF.matcher(html);
        if (!found.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return found.group(1);
    }
}
