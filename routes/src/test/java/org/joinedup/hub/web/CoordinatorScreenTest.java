package org.joinedup.hub.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.joinedup.hub.support.Browser;
import org.joinedup.hub.support.DemoFamily;
import org.joinedup.hub.support.DemoFamilyProfile;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.PageSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The coordinator's screen in a real headless Chromium, on a hub whose demo family arrived through the real
 * connectors: a coordinator's morning, then the funder approving the line she drafted. Every page and state is
 * checked with axe-core; the README's screenshots are made here.
 */
@QuarkusTest
@TestProfile(DemoFamilyProfile.class)
@QuarkusTestResource(HubTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatorScreenTest {

    static final String COORDINATOR = "Sam Patel";
    static final String TRUST = "Amir Khan";

    @Test
    @Order(1)
    void aCoordinatorsMorning() {
        String dave = DemoFamily.dave();
        try (Browser browser = Browser.open(base())) {
            browser.go("/app/sign-in").accessible("the sign-in page").screenshot("sign-in");
            browser.signIn(COORDINATOR);
            assertEquals("/app/caseload", browser.path());
            assertEquals("Your caseload", browser.heading());
            List<String> family = row(browser, By.id("caseload"), "David Hughes");
            assertEquals("David Hughes, Samantha Hughes, Kayleigh Hughes", family.get(1));
            assertTrue(family.get(2).contains("high"), "the rent arrears: " + family);
            browser.accessible("the caseload").screenshot("caseload");

            browser.type("q", "ol1 1xx").press("Search");
            assertTrue(browser.text(By.id("search-result")).startsWith("1 family matches"));
            browser.type("q", "9434 765 919").press("Search");
            assertEquals("David Hughes", browser.rows(By.id("caseload")).get(0).get(0));
            browser.type("q", "Nobody Atall").press("Search");
            assertTrue(browser.pageText().contains("No family on your caseload matches."));
            browser.accessible("a search that finds no one");

            browser.follow("Show all your families").follow("David Hughes");
            assertEquals("David Hughes's family", browser.heading());
            String members = browser.text(By.id("member-" + dave));
            assertTrue(members.contains("Benefits, Employment, Housing, NHS, Social care"), members);
            assertTrue(members.contains("NHS number: 9434765919"), members);
            assertTrue(browser.pageText().contains("Samantha Hughes") && browser.pageText().contains(
                    "Kayleigh Hughes"));
            browser.accessible("the joined-up case").screenshot("case");

            // the chart's table says what the ledger says, funder by funder
            Map<String, List<String>> table = byFunder(browser.rows(By.id("funder-table")));
            assertEquals("£18,250.00", table.get("RR8").get(1), "Leeds' continuing-care budget from its FHIR push");
            ledgerByFunder(caseId(dave)).forEach((code, pence) -> {
                assertEquals(pounds(pence[0]), table.get(code).get(1), code + " confirmed");
                assertEquals(pounds(pence[1]), table.get(code).get(2), code + " committed");
                assertEquals(pounds(pence[2]), table.get(code).get(3), code + " paid");
                assertEquals(pounds(pence[3]), table.get(code).get(4), code + " available");
            });
            assertTrue(browser.driver().findElement(By.id("funder-chart")).isDisplayed());

            browser.press(By.id("alert-table"), "Acknowledge");
            assertTrue(browser.text(By.id("done-message")).startsWith("Alert acknowledged"));
            assertTrue(browser.text(By.id("alert-table")).contains("Acknowledged by coordinator"));
            browser.accessible("the case after acknowledging an alert");

            browser.go("/app/people/" + dave + "/plan");
            assertEquals("Support plan", browser.heading());
            browser.follow(By.cssSelector("a.govuk-button[href$='/plan/lines/new']"));
            assertEquals("Add a line to the plan", browser.heading());
            browser.press("Continue");
            String errors = browser.text(By.className("govuk-error-summary"));
            assertTrue(errors.contains("Select what the money is for") && errors.contains("Enter who is paid"),
                    errors);
            browser.accessible("the plan form with errors").screenshot("plan-line-errors");

            if (!browser.driver().findElements(By.id("whatMatters")).isEmpty()) {
                browser.type("whatMatters", "Getting to the allotment and seeing my mates");
            }
            browser.select("category", "Personal assistant")
                    .type("description", "A personal assistant two mornings a week")
                    .type("payee", "Jo Bloggs PA").choose("An hour (give the hours a week)")
                    .type("amount", "15.50").type("units", "6").choose("Direct payment to the person")
                    .press("Continue");
            assertEquals("Check the new line before you submit the plan", browser.heading());
            assertEquals("£4,836.00", browser.text(By.id("check-annual")), "£15.50 x 6 hours x 52 weeks");
            browser.accessible("check your answers").screenshot("plan-check");

            browser.press("Submit the plan");
            assertTrue(browser.text(By.id("done-message")).startsWith("Plan submitted"));
            List<String> line = row(browser, By.id("plan-lines"), "Jo Bloggs PA");
            assertEquals("£4,836.00", line.get(3));
            assertTrue(line.get(4).startsWith("RR8"), "the hub proposes the most restricted money: " + line);
            assertEquals("Waiting for approval", line.get(5));
            browser.accessible("the plan after submitting").screenshot("plan");
        }
    }

    @Test
    @Order(2)
    void theFunderApprovesTheLineAndTheCaseShowsTheMoneyCommitted() {
        String dave = DemoFamily.dave();
        long committedBefore = ledgerByFunder(caseId(dave)).get("RR8")[1];
        try (Browser browser = Browser.open(base())) {
            browser.signIn(TRUST);
            assertEquals("/app/approvals", browser.path());
            WebElement card = browser.driver().findElements(By.cssSelector(".govuk-summary-card")).stream()
                    .filter(c -> c.getText().contains("Jo Bloggs PA")).findFirst().orElseThrow();
            assertTrue(card.getText().contains("David Hughes"), card.getText());
            assertTrue(card.getText().contains("£4,836.00"), card.getText());
            browser.accessible("a funder's approvals").screenshot("approvals");

            String cardId = card.getDomAttribute("id");
            browser.click(By.cssSelector("#" + cardId + " .govuk-details__summary"));
            browser.press("Refuse the line");
            assertTrue(browser.text(By.className("govuk-error-summary")).contains("Give the reasons for refusing"));
            browser.accessible("a refusal without reasons");
            browser.press(By.id(cardId), "Approve");
            assertTrue(browser.text(By.id("done-message")).startsWith("Line approved"));
            assertEquals("£4,836.00", row(browser, By.id("bought-table"), "Personal assistant").get(2));
            browser.accessible("what the funder's money bought").screenshot("approvals-bought");
        }
        long committedAfter = ledgerByFunder(caseId(dave)).get("RR8")[1];
        assertEquals(483_600L, committedAfter - committedBefore, "the line's yearly cost, committed in the ledger");
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/cases/" + caseId(dave));
            assertEquals(pounds(committedAfter), byFunder(browser.rows(By.id("funder-table"))).get("RR8").get(2));
        }
    }

    @Test
    @Order(3)
    void thePlanFormWorksWithTheKeyboardAlone() {
        String dave = DemoFamily.dave();
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/people/" + dave + "/plan/lines/new");
            Actions keys = new Actions(browser.driver());
            keys.sendKeys(Keys.TAB).perform();
            assertEquals("Skip to main content", active(browser).getText().strip(), "the skip link comes first");
            if (!browser.driver().findElements(By.id("whatMatters")).isEmpty()) { // no plan yet
                tabTo(browser, "whatMatters");
                keys.sendKeys("Staying in my own home").perform();
            }
            tabTo(browser, "category");
            assertFocusVisible(browser);
            keys.sendKeys("Equipment").perform();
            tabTo(browser, "description");
            keys.sendKeys("A riser-recliner chair").perform();
            tabTo(browser, "payee");
            keys.sendKeys("Oldham Mobility").perform();
            tabTo(browser, "costKind");
            assertFocusVisible(browser);
            keys.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN).perform(); // a week, an hour, one-off
            tabTo(browser, "amount");
            keys.sendKeys("650").perform();
            tabTo(browser, "units");
            keys.sendKeys("1").perform();
            tabTo(browser, "management");
            keys.sendKeys(Keys.SPACE).perform();
            tabToButton(browser, "Continue");
            assertFocusVisible(browser);
            WebElement page = browser.page();
            keys.sendKeys(Keys.ENTER).perform();
            browser.leaves(page);
            assertEquals("Check the new line before you submit the plan", browser.heading(), browser.pageText());
            assertEquals("£650.00", browser.text(By.id("check-annual")));
        }
    }

    @Test
    @Order(4)
    void anOrganisationWithNoRelationshipGetsPageNotFoundForTheCase() {
        String caseId = caseId(DemoFamily.dave());
        String session = PageSession.signIn("trust3");
        PageSession.get(session, "/app/cases/" + caseId).then().statusCode(404);
        try (Browser browser = Browser.open(base())) {
            browser.signIn("Tom Birch").go("/app/cases/" + caseId);
            assertEquals("Page not found", browser.heading());
            assertTrue(!browser.pageText().contains("Hughes"));
            browser.accessible("page not found");
        }
    }

    @Test
    @Order(5)
    void aOneOffPaymentIsMadeWithinItsLimitAndOneOverItIsRefused() {
        String dave = DemoFamily.dave();
        long paidBefore = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + dave + "/budget")
                .then().extract().jsonPath().getLong("totals.paidPence");
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/people/" + dave + "/plan").follow("Make a one-off payment");
            assertEquals("Make a one-off payment", browser.heading());
            assertEquals("£250.00", browser.text(By.id("one-off-limit")));
            browser.press("Pay");
            assertTrue(browser.text(By.className("govuk-error-summary")).contains("Select whose money pays"));
            browser.accessible("the one-off payment form with errors");
            browser.click(By.cssSelector("label[for=contributionId]"));
            browser.select("category", "Equipment").type("payee", "Oldham Mobility").type("amount", "45")
                    .press("Pay");
            assertTrue(browser.text(By.id("done-message")).startsWith("One-off payment made"));
            browser.follow("Make a one-off payment");
            browser.click(By.cssSelector("label[for=contributionId]"));
            browser.select("category", "Equipment").type("payee", "Oldham Mobility").type("amount", "300")
                    .press("Pay");
            assertTrue(browser.text(By.id("problem")).contains("at most £250.00"), browser.text(By.id("problem")));
            browser.accessible("a one-off payment over the limit");
        }
        long paidAfter = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people/" + dave + "/budget")
                .then().extract().jsonPath().getLong("totals.paidPence");
        assertEquals(4_500L, paidAfter - paidBefore, "the £45 paid once, the £300 not at all");
    }

    @Test
    @Order(6)
    void theSingleAssessmentIsFilledInSectionBySectionAndGivesTheIndicativeBudget() {
        String dave = DemoFamily.dave();
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/people/" + dave + "/assessment");
            assertEquals("The single assessment", browser.heading());
            int sections = browser.driver().findElements(By.cssSelector("#sections li")).size();
            assertEquals(11, sections, "what matters, then the ten domains of the Questionnaire");
            browser.accessible("the assessment's sections");
            browser.follow(By.cssSelector("a[href$='/assessment/sections/1']"));
            assertEquals("What matters to you", browser.heading());
            browser.press("Save and continue");
            String errors = browser.text(By.className("govuk-error-summary"));
            assertTrue(errors.contains("Enter an answer to: What is important to you?"), errors);
            browser.accessible("an assessment section with an error");
            browser.type("what-matters-important", "Being a good dad to Sam and Kayleigh")
                    .press("Save and continue");
            assertEquals("Personal care", browser.heading(), "section 2 is the first domain");
            browser.choose("I need support every day").press("Save and continue"); // 18 points
            browser.accessible("an assessment section").screenshot("assessment-section");
            while (!browser.heading().startsWith("Check the assessment")) {
                browser.choose("I manage without support").press("Save and continue");
            }
            List<String> personalCare = browser.driver().findElements(By.cssSelector(".govuk-summary-list__row"))
                    .stream().map(WebElement::getText)
                    .filter(t -> t.startsWith("How much support do you need with personal care?")).toList();
            assertTrue(personalCare.get(0).contains("I need support every day (18 points)"), personalCare.get(0));
            browser.accessible("check the assessment").screenshot("assessment-check");
            browser.press("Submit the assessment");
            assertEquals("Indicative budget", browser.heading());
            long total = given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people/" + dave + "/indicative-budget").then().statusCode(200).extract().jsonPath()
                    .getLong("totalPence");
            assertEquals(pounds(total), browser.text(By.id("indicative-total")));
            assertTrue(browser.pageText().contains("How it is worked out"));
            browser.accessible("the indicative budget").screenshot("indicative-budget");
        }
    }

    @Test
    @Order(7)
    void theCoordinatorRecordsThatTheFamilySharesOneBudget() {
        String caseId = caseId(DemoFamily.dave());
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/cases/" + caseId);
            browser.click(By.xpath("//span[normalize-space()='Change whether the family shares one"
                    + " budget']"));
            browser.choose("Yes").press("Record the decision");
            assertTrue(browser.text(By.className("govuk-error-summary")).contains("give the reason"));
            browser.accessible("the shared budget decision without a reason");
            // the form is open again, beside its error
            browser.choose("Yes").type("shared-reason", "We are one household and want one budget")
                    .press("Record the decision");
            assertTrue(browser.text(By.id("done-message")).contains("sharing one budget is recorded"));
            assertTrue(browser.pageText().contains("The family has one shared budget"));
        }
        assertTrue(given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId).then()
                .extract().jsonPath().getBoolean("sharedBudget.shared"), "the API says so too");
    }

    @Test
    @Order(8)
    void aPlanSubmittedTwiceAddsItsLineOnce() {
        String dave = DemoFamily.dave();
        String session = PageSession.signIn("coordinator");
        String plan = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId(dave)).then()
                .extract().jsonPath().getString("members.find { it.lead }.plan.planId");
        io.restassured.path.json.JsonPath before = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/plans/" + plan).then().extract().jsonPath();
        String token = PageSession.csrf(PageSession.get(session, "/app/people/" + dave + "/plan").asString());
        Map<String, String> line = Map.of("csrf", token, "category", "TRANSPORT", "description",
                "Taxi to the allotment", "payee", "Oldham Cabs", "costKind", "WEEKLY", "amount", "12", "units", "",
                "management", "DIRECT_PAYMENT", "planVersion", before.getString("version"));
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).formParams(line)
                .post("/app/people/" + dave + "/plan/submit").then().statusCode(303);
        given().redirects().follow(false).cookie(PageSession.COOKIE, session).formParams(line)
                .post("/app/people/" + dave + "/plan/submit").then().statusCode(409)
                .body(org.hamcrest.Matchers.containsString("The plan has changed since you checked this line"));
        String current = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId(dave)).then()
                .extract().jsonPath().getString("members.find { it.lead }.plan.planId");
        List<String> payees = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + current)
                .then().extract().jsonPath().getList("lines.payee");
        assertEquals(before.getList("lines").size() + 1, payees.size(), "one line more, not two");
        assertEquals(1, payees.stream().filter("Oldham Cabs"::equals).count());
    }

    @Test
    @Order(9)
    void noPageAboutTheFamilyOpensToAnOrganisationWithNoRelationship() {
        String dave = DemoFamily.dave();
        String caseId = caseId(dave);
        List<String> pages = List.of("/app/cases/" + caseId, "/app/people/" + dave, "/app/people/" + dave + "/plan",
                "/app/people/" + dave + "/plan/lines/new", "/app/people/" + dave + "/plan/one-off",
                "/app/people/" + dave + "/plan/review",
                "/app/people/" + dave + "/assessment", "/app/people/" + dave + "/assessment/sections/1",
                "/app/people/" + dave + "/assessment/check", "/app/people/" + dave + "/indicative-budget");
        String session = PageSession.signIn("trust3");
        for (String page : pages) {
            io.restassured.response.Response answer = PageSession.get(session, page);
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 403, page + " -> " + answer.statusCode());
            assertTrue(!answer.asString().contains("Hughes") && !answer.asString().contains(DemoFamily.DAVE_NHS),
                    page + " shows something of the family");
        }
        // and the same pages do open to the family's coordinator
        String coordinator = PageSession.signIn("coordinator");
        for (String page : pages) {
            assertEquals(200, PageSession.get(coordinator, page).statusCode(), page);
        }
    }

    /**
     * The coordinator reviews Dave's plan with him: the form refuses what is missing, question by question; the
     * review then shows on the plan with the next one due a year later, and the JSON API holds what he said.
     */
    @Test
    @Order(10)
    void thePlanIsReviewedWithThePersonAndTheNextReviewIsDueAYearLater() {
        String dave = DemoFamily.dave();
        try (Browser browser = Browser.open(base())) {
            browser.signIn(COORDINATOR).go("/app/people/" + dave + "/plan").follow("Review the plan");
            assertEquals("Review the support plan", browser.heading());
            browser.accessible("the plan review form").screenshot("plan-review-form");
            browser.press("Record the review");
            String errors = browser.text(By.className("govuk-error-summary"));
            assertTrue(errors.contains("Select whether quality of life is better, the same or worse"), errors);
            assertTrue(errors.contains("Select whether they answered themselves"), errors);
            browser.accessible("the plan review form with errors");

            for (WebElement better : browser.driver().findElements(By.cssSelector(
                    "input[type=radio][value=BETTER]"))) {
                browser.click(By.cssSelector("label[for='" + better.getAttribute("id") + "']"));
            }
            browser.click(By.cssSelector("label[for='economic-wellbeing-WORSE']"));
            browser.click(By.cssSelector("label[for='ownAnswer-no']"));
            java.time.LocalDate reviewedOn = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))
                    .minusDays(10);
            browser.type("reviewedOn", reviewedOn.toString());
            browser.type("helpedBy", "Samantha, his wife").type("ownWords", "I get to the allotment most weeks now.");
            List<WebElement> goals = browser.driver().findElements(By.cssSelector("input[type=radio][value=MET]"));
            assertTrue(!goals.isEmpty(), "a question per goal of the plan");
            for (WebElement met : goals) {
                browser.click(By.cssSelector("label[for='" + met.getAttribute("id") + "']"));
            }
            browser.press("Record the review");

            // the plan was made today, due a year from now; reviewed ten days ago, it is due a year after that
            String due = reviewedOn.plusYears(1).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                    Locale.UK));
            assertEquals("Review recorded. The next review is due on " + due + ".", browser.text(By.id("done-message")));
            assertEquals("Next review due on " + due, browser.text(By.id("review-due")));
            List<String> latest = browser.rows(By.id("plan-reviews")).get(0);
            assertEquals("7, 0, 1 of 8", latest.get(2), latest.toString());
            assertEquals(goals.size() + " of " + goals.size(), latest.get(3));
            assertEquals("Helped by Samantha, his wife; recorded by coordinator", latest.get(4));
            browser.accessible("the plan after its review").screenshot("plan-review");
        }
        String plan = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId(dave)).then()
                .extract().jsonPath().getString("members.find { it.lead }.plan.planId");
        JsonPath reviews = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("WORSE", reviews.getString("reviews[0].aspects.'economic-wellbeing'"));
        assertEquals("I get to the allotment most weeks now.", reviews.getString("reviews[0].ownWords"));

        // Jobcentre Plus knows Dave but does not see his plan: it sees when the review is due, not what he said
        List<String> shared = given().auth().oauth2(DemoTokens.of("employment")).get("/api/people/" + dave).then()
                .statusCode(200).extract().jsonPath().getList("sharedCategories");
        assertTrue(!shared.contains("plan"), "the premise: employment support does not see the plan " + shared);
        JsonPath theirs = given().auth().oauth2(DemoTokens.of("employment")).get("/api/plans/" + plan + "/reviews")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), theirs.getList("reviews"));
        String id = reviews.getString("reviews[0].id");
        given().auth().oauth2(DemoTokens.of("employment")).get("/fhir/QuestionnaireResponse/" + id).then()
                .statusCode(404);
        assertTrue(!given().auth().oauth2(DemoTokens.of("employment")).get("/fhir/QuestionnaireResponse?subject=Patient/"
                + dave).then().statusCode(200).extract().asString().contains(id), "no review in its search");
        assertTrue(given().auth().oauth2(DemoTokens.of("coordinator")).get("/fhir/QuestionnaireResponse?subject=Patient/"
                + dave).then().statusCode(200).extract().asString().contains(id), "the coordinator's search has it");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String caseId(String dave) {
        return given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber=" + DemoFamily.DAVE_NHS)
                .then().extract().jsonPath().getString("[0].caseId");
    }

    /** The ledger's figures per funding body for the family: confirmed, committed, paid, available (pence). */
    private static Map<String, long[]> ledgerByFunder(String caseId) {
        JsonPath budget = given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + caseId + "/budget")
                .then().statusCode(200).extract().jsonPath();
        Map<String, long[]> sums = new HashMap<>();
        for (Map<String, Object> c : budget.<Map<String, Object>>getList("members.contributions.flatten()")) {
            long[] sum = sums.computeIfAbsent((String) c.get("fundingBodyCode"), k -> new long[4]);
            sum[0] += ((Number) c.get("confirmedPence")).longValue();
            sum[1] += ((Number) c.get("committedPence")).longValue();
            sum[2] += ((Number) c.get("paidPence")).longValue();
            sum[3] += ((Number) c.get("availablePence")).longValue();
        }
        return sums;
    }

    /** The funder table's rows by the code in brackets after each funder's name. */
    private static Map<String, List<String>> byFunder(List<List<String>> rows) {
        Map<String, List<String>> byCode = new HashMap<>();
        for (List<String> row : rows) {
            String name = row.get(0);
            if (name.endsWith(")")) {
                byCode.put(name.substring(name.lastIndexOf('(') + 1, name.length() - 1), row);
            }
        }
        return byCode;
    }

    private static List<String> row(Browser browser, By table, String containing) {
        return browser.rows(table).stream().filter(r -> r.stream().anyMatch(c -> c.contains(containing)))
                .findFirst().orElseThrow(() -> new AssertionError("no row with " + containing + " in " + table));
    }

    private static String pounds(long pence) {
        return String.format(Locale.UK, "£%,d.%02d", pence / 100, pence % 100);
    }

    private static WebElement active(Browser browser) {
        return browser.driver().switchTo().activeElement();
    }

    private static void tabTo(Browser browser, String id) {
        for (int i = 0; i < 80; i++) {
            if (id.equals(active(browser).getDomAttribute("id"))) {
                return;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("the Tab key never reached #" + id);
    }

    private static void tabToButton(Browser browser, String text) {
        for (int i = 0; i < 80; i++) {
            WebElement focused = active(browser);
            if (focused.getTagName().equals("button") && focused.getText().strip().equals(text)) {
                return;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("the Tab key never reached the button " + text);
    }

    /** The focused element is drawn so a keyboard user can see it (GOV.UK's yellow focus style). */
    private static void assertFocusVisible(Browser browser) {
        WebElement focused = active(browser);
        String outline = focused.getCssValue("outline-style");
        String shadow = focused.getCssValue("box-shadow");
        assertTrue(!"none".equals(outline) || !"none".equals(shadow), "focus not visible on "
                + focused.getTagName() + ": outline " + outline + ", shadow " + shadow);
    }
}
