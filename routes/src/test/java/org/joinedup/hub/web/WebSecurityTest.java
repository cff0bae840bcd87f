package org.joinedup.hub.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.PageSession;
import org.junit.jupiter.api.Test;

/** The web app's sessions and forms: what an information-governance lead or a penetration tester checks first. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class WebSecurityTest {

    @Inject
    EntityManager em;

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String session = PageSession.signIn("coordinator");
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).post("/app/sign-out").then()
                .statusCode(403).body(containsString("This form has expired"));
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).formParam("csrf", "forged")
                .post("/app/sign-out").then().statusCode(403);
        // still signed in: the refused sign-out did nothing
        PageSession.get(session, "/app/caseload").then().statusCode(200).body(containsString("Your caseload"));
        // with the page's own token the same form works
        String token = PageSession.csrf(PageSession.get(session, "/app/caseload").asString());
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).formParam("csrf", token)
                .post("/app/sign-out").then().statusCode(303);
        assertRedirectedToSignIn(PageSession.get(session, "/app/caseload"));
    }

    @Test
    void signingInAndOutIsInTheAudit() {
        long before = audited("coordinator", "WebSession/sign-%");
        String session = PageSession.signIn("coordinator");
        String token = PageSession.csrf(PageSession.get(session, "/app/caseload").asString());
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).formParam("csrf", token)
                .post("/app/sign-out").then().statusCode(303);
        assertEquals(2, audited("coordinator", "WebSession/sign-%") - before, "one sign-in, one sign-out");
        given().auth().oauth2(DemoTokens.of("guardian")).get("/api/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.is(true));
    }

    private long audited(String user, String resource) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_entry where user_name = ?1 and resources like ?2")
                .setParameter(1, user).setParameter(2, resource).getSingleResult()).longValue());
    }

    @Test
    void theSignInFormNeedsItsOwnToken() {
        given().redirects().follow(false).formParam("user", "coordinator").post("/app/sign-in").then()
                .statusCode(403);
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsNeverUsed() {
        String planted = "planted-by-someone-else-0123456789";
        Response signedIn = PageSession.signIn("coordinator", planted);
        String issued = signedIn.getCookie(PageSession.COOKIE);
        assertNotNull(issued);
        assertNotEquals(planted, issued);
        assertRedirectedToSignIn(PageSession.get(planted, "/app/caseload"));
        PageSession.get(issued, "/app/caseload").then().statusCode(200);
    }

    @Test
    void signingInAgainEndsTheSessionTheBrowserHad() {
        String first = PageSession.signIn("coordinator");
        String second = PageSession.signIn("operator", first).getCookie(PageSession.COOKIE);
        assertRedirectedToSignIn(PageSession.get(first, "/app/caseload"));
        PageSession.get(second, "/app/operations/messages").then().statusCode(200);
    }

    @Test
    void theSessionCookieIsHttpOnlySecureAndSameSite() {
        String cookie = PageSession.signIn("coordinator", null).getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(PageSession.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/app"), cookie);
    }

    @Test
    void pagesWithPersonalDataAreNeverCached() {
        Response page = PageSession.get(PageSession.signIn("coordinator"), "/app/caseload");
        assertEquals("no-store", page.getHeader("Cache-Control"));
        assertEquals("DENY", page.getHeader("X-Frame-Options"));
        assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    void aSessionIdleForLongerThanTheTimeOutIsSignedOut() {
        String session = PageSession.signIn("coordinator");
        PageSession.get(session, "/app/caseload").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update web_session set last_seen_at = now() - interval '31 minutes' where token_hash = ?1")
                .setParameter(1, sha256(session)).executeUpdate());
        assertRedirectedToSignIn(PageSession.get(session, "/app/caseload"));
        // and it stays ended, however soon it is used again
        assertRedirectedToSignIn(PageSession.get(session, "/app/caseload"));
    }

    @Test
    void sessionsOlderThanASignInLastsAreDeletedWhenSomeoneSignsIn() {
        String old = PageSession.signIn("coordinator");
        String recent = PageSession.signIn("operator");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update web_session set created_at = now() - interval '10 hours 1 minute' where token_hash = ?1")
                .setParameter(1, sha256(old)).executeUpdate());
        PageSession.signIn("council");
        assertEquals(0L, rows(old), "a session past the 10-hour lifetime is deleted");
        assertEquals(1L, rows(recent), "a session within it is kept");
    }

    private long rows(String session) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from web_session where token_hash = ?1").setParameter(1, sha256(session))
                .getSingleResult()).longValue());
    }

    @Test
    void pagesTakeNoBearerTokenAndTheApiTakesNoSessionCookie() {
        assertRedirectedToSignIn(given().redirects().follow(false).auth().oauth2(DemoTokens.of("coordinator"))
                .get("/app/caseload"));
        given().redirects().follow(false).cookie(PageSession.COOKIE, PageSession.signIn("coordinator"))
                .get("/api/cases?coordinator=coordinator").then().statusCode(401);
    }

    @Test
    void aRoleThatDoesNotOpenAPageIsToldSoOnAPage() {
        PageSession.get(PageSession.signIn("employment"), "/app/operations/messages").then().statusCode(403)
                .body(containsString("You cannot see this page"));
    }

    private static String sha256(String value) throws IllegalStateException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRedirectedToSignIn(Response response) {
        assertEquals(303, response.statusCode());
        assertTrue(response.getHeader("Location").contains("/app/sign-in"), response.getHeader("Location"));
    }
}
