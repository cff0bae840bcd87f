package org.joinedup.hub.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; {@code CHROMIUM} and
 * {@code CHROMEDRIVER} name others) driving the hub's pages as a person would, with axe-core's WCAG checks and
 * screenshots.
 */
public final class Browser implements AutoCloseable {

    /** The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core. */
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a",
            "wcag22aa");

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A new browser (no cookies) for the hub at {@code base}, for example {@code http://localhost:8081}. */
    public static Browser open(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--lang=en-GB");
        File chromedriver = new File(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!chromedriver.canExecute()) {
            throw new IllegalStateException("no " + chromedriver + ": the browser tests need Debian's chromium and"
                    + " chromium-driver (.ci/run installs them: apt-get install -y chromium chromium-driver)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in on the demo sign-in page by choosing the radio labelled with the person's name. */
    public Browser signIn(String fullName) {
        go("/app/sign-in");
        return choose(fullName).press("Continue");
    }

    /**
     * Clicks the element, finding it again if Chromium lost it under the click (a busy machine: the page is still
     * settling, or the click already started the next page).
     */
    public Browser click(By element) {
        attempt(() -> driver.findElement(element).click());
        return this;
    }

    private void attempt(Runnable action) {
        for (int tries = 1;; tries++) {
            try {
                action.run();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException
                    gone) {
                if (tries == 3) {
                    throw gone;
                }
            } catch (org.openqa.selenium.WebDriverException lost) {
                if (tries == 3 || !lostUnderTheClick(lost)) {
                    throw lost;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean lostUnderTheClick(org.openqa.selenium.WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText().strip();
    }

    public String text(By by) {
        return driver.findElement(by).getText().strip();
    }

    public String pageText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    public WebElement button(String text) {
        return driver.findElements(By.cssSelector("button, input[type=submit]")).stream()
                .filter(b -> named(b, text) || text.equals(b.getDomAttribute("value")))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + text + "' on " + path()));
    }

    public WebElement link(String text) {
        return driver.findElement(By.partialLinkText(text));
    }

    /** Presses the button with this (visible) text and waits for the page it leads to. */
    public Browser press(String buttonText) {
        return andWait(button(buttonText));
    }

    /** Follows the link with this (visible) text and waits for the page it leads to. */
    public Browser follow(String linkText) {
        return andWait(link(linkText));
    }

    /** Follows the link (or presses the button) {@code element} and waits for the page it leads to. */
    public Browser follow(By element) {
        return andWait(driver.findElement(element));
    }

    /** Presses a button or link inside the element {@code within}, found by its visible text. */
    public Browser press(By within, String text) {
        WebElement scope = driver.findElement(within);
        return andWait(scope.findElements(By.cssSelector("button, a")).stream()
                .filter(e -> named(e, text)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + text + "' in " + within + " on " + path())));
    }

    /** Whether the element's visible words are this text (words only for screen readers left out). */
    private boolean named(WebElement element, String text) {
        Object shown = ((JavascriptExecutor) driver).executeScript("const c = arguments[0].cloneNode(true);"
                + " c.querySelectorAll('.govuk-visually-hidden').forEach(n => n.remove());"
                + " return c.textContent.trim().replace(/\\s+/g, ' ');", element);
        return text.equals(shown);
    }

    private Browser andWait(WebElement element) {
        WebElement page = page();
        try {
            element.click();
        } catch (org.openqa.selenium.WebDriverException leftAlready) {
            // Chromium may report the button gone when the page it submitted is already on its way
            if (!lostUnderTheClick(leftAlready)) {
                throw leftAlready;
            }
        }
        return leaves(page);
    }

    /** The root element of the page shown now, to pass to {@link #leaves} once something starts the next page. */
    public WebElement page() {
        return driver.findElement(By.tagName("html"));
    }

    /**
     * Waits until the page whose root element is {@code page} has gone. Chromium answers "stale element" for a
     * page that has gone, or, while the next one is arriving, "node does not belong to the document": both mean
     * it has gone.
     */
    public Browser leaves(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (lostUnderTheClick(e)) {
                    return true;
                }
                throw e;
            }
        });
        return this;
    }

    /** Types into the field with this id (after clearing it). */
    public Browser type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Chooses the radio button or checkbox whose label is this text. */
    public Browser choose(String label) {
        attempt(() -> driver.findElements(By.cssSelector(".govuk-radios__label, .govuk-checkboxes__label")).stream()
                .filter(l -> l.getText().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no choice labelled '" + label + "' on " + path())).click());
        return this;
    }

    /** Selects the option with this visible text in the select with this id. */
    public Browser select(String id, String option) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(option);
        return this;
    }

    /** The rows of a table as the cells' text (header cells of a row included), without the table's head. */
    public List<List<String>> rows(By table) {
        return driver.findElement(table).findElements(By.cssSelector("tbody tr")).stream()
                .map(r -> r.findElements(By.cssSelector("th, td")).stream().map(c -> c.getText().strip()).toList())
                .toList();
    }

    /** Fails with every axe-core violation of the WCAG 2.x A and AA rules on the page as it is now. */
    public Browser accessible(String state) {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(driver);
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            fail(state + " (" + path() + ") breaks WCAG rules:\n" + violations.stream()
                    .map(v -> " - " + v.getId() + ": " + v.getHelp() + " at " + v.getNodes().stream()
                            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n")));
        }
        return this;
    }

    /**
     * Saves the whole page as {@code name.png} in {@code -Dscreenshots=DIR} (the README's pictures are made with
     * {@code -Dscreenshots=../docs/screenshots}), or in {@code target/screenshots}.
     */
    public Browser screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Object height = ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(1280, Math.min(6000, ((Number) height).intValue() + 40)));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The session cookie's value, to show it changes at sign-in. */
    public String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
