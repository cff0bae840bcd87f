package org.joinedup.hub.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.joinedup.hub.support.Browser;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.OrganisationSignInProfile;
import org.joinedup.hub.support.PageSession;
import org.joinedup.hub.support.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Production sign-in: a coordinator signs in to the web app with their organisation's account (OpenID Connect
 * authorization code flow against a real, if small, identity provider), in a real browser.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
@TestProfile(OrganisationSignInProfile.class)
class OrganisationSignInTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    private String base() {
        return base.toString();
    }

    @Test
    void aCoordinatorSignsInWithTheirOrganisationsAccountAndOut() {
        TestIdentityProvider idp = OrganisationSignInProfile.provider();
        try (Browser browser = Browser.open(base())) {
            browser.go("/app/caseload");
            assertEquals("/app/sign-in?signedOut=true", browser.path(), "a page without a session asks to sign in");
            browser.accessible("the sign-in page with an identity provider").screenshot("sign-in-organisation");
            browser.follow(By.id("organisation-sign-in"));
            assertTrue(idp.isAt(browser.driver().getCurrentUrl()), browser.driver().getCurrentUrl());
            assertEquals("Sign in to Oldham Council", browser.heading());

            int exchanged = idp.tokenRequests().size();
            browser.press("Sign in as Sam Patel");
            assertEquals("/app/caseload", browser.path());
            assertEquals("Sam Patel", browser.text(By.id("signed-in-as")));
            List<String> requests = idp.tokenRequests();
            assertEquals(exchanged + 1, requests.size(), "one code exchanged by the hub: " + requests);
            assertTrue(requests.get(exchanged).endsWith("→ sam.patel@oldham.gov.uk"), requests.toString());
            assertEquals(List.of("sam.patel@oldham.gov.uk", "coordinator", "E08000004",
                    "oidc"), session("sam.patel@oldham.gov.uk"));
            assertEquals(1, audited("sam.patel@oldham.gov.uk",
                    "WebSession/sign-in (organisation's identity provider)"));

            // the identity provider's session is not kept: the hub's own session (idle time-out, sign-out) is all
            browser.press("Sign out");
            assertEquals("/app/sign-in?signedOut=true", browser.path());
            assertTrue(browser.pageText().contains("You are signed out"), browser.pageText());
            browser.go("/app/caseload");
            assertEquals("/app/sign-in?signedOut=true", browser.path(), "signed out means signed out");
            browser.follow(By.id("organisation-sign-in"));
            assertTrue(idp.isAt(browser.driver().getCurrentUrl()),
                    "signing in again goes back to the identity provider: " + browser.driver().getCurrentUrl());
        }
    }

    @Test
    void anAccountWithNoJoinedUpRoleOrNoOrganisationIsRefusedAndNotSignedIn() {
        try (Browser browser = Browser.open(base())) {
            browser.go("/app/sign-in").follow(By.id("organisation-sign-in")).press("Sign in as Pat Jones");
            assertEquals("Your account cannot use JoinedUp yet", browser.heading());
            assertTrue(browser.pageText().contains("what your role in JoinedUp is"), browser.pageText());
            assertNull(browser.cookie(PageSession.COOKIE), "no session for an account without a role");
            browser.go("/app/caseload");
            assertEquals("/app/sign-in?signedOut=true", browser.path());

            browser.follow(By.id("organisation-sign-in")).press("Sign in as Lee Green");
            assertEquals("Your account cannot use JoinedUp yet", browser.heading());
            assertTrue(browser.pageText().contains("which organisation you work for"), browser.pageText());
            browser.go("/app/caseload");
            assertEquals("/app/sign-in?signedOut=true", browser.path());
        }
        assertEquals(1, audited("pat.jones@oldham.gov.uk", "WebSession/sign-in refused (no JoinedUp role)"));
        assertEquals(1, audited("lee.green@oldham.gov.uk", "WebSession/sign-in refused (no organisation)"));
        assertEquals(0, sessions("pat.jones@oldham.gov.uk") + sessions("lee.green@oldham.gov.uk"));
    }

    @Test
    void aCallbackWithACodeTheBrowserNeverAskedForSignsNoOneIn() {
        var answer = given().redirects().follow(false).get("/app/oidc/sign-in?code=stolen-code&state=forged");
        assertNull(answer.getCookie(PageSession.COOKIE), answer.getHeaders().toString());
        assertTrue(answer.statusCode() == 302 || answer.statusCode() == 401, "status " + answer.statusCode());
        assertTrue(OrganisationSignInProfile.provider().tokenRequests().stream()
                .noneMatch(r -> r.contains("stolen-code")), "the hub never redeems a code it did not ask for");
    }

    @Test
    void theApiStillAnswersWithoutATokenWith401NotARedirectToTheIdentityProvider() {
        given().redirects().follow(false).get("/api/cases").then().statusCode(401);
        given().redirects().follow(false).get("/fhir/Patient").then().statusCode(401);
        given().redirects().follow(false).get("/fhir/metadata").then().statusCode(200);
        // and the demo users are still there beside it in the test profile, but pages go to the hub's sign-in
        var page = given().redirects().follow(false).get("/app/caseload");
        assertEquals(303, page.statusCode());
        assertTrue(page.getHeader("Location").endsWith("/app/sign-in?signedOut=true"), page.getHeader("Location"));
    }

    private List<String> session(String user) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select user_name, roles, organisation, signed_in_by from web_session where user_name = ?1"
                        + " order by created_at desc limit 1").setParameter(1, user).getSingleResult());
        return List.of((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
    }

    private long sessions(String user) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from web_session where user_name = ?1").setParameter(1, user).getSingleResult())
                .longValue());
    }

    private long audited(String user, String resource) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_entry where user_name = ?1 and resources = ?2")
                .setParameter(1, user).setParameter(2, resource).getSingleResult()).longValue());
    }
}
