package broadsheet.local;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person at the newsroom app in headless Chromium: signs in at the local issuer, finds and
 * drives the app's elements (by keyboard where a test says so), checks a screen with axe-core
 * and saves a screenshot of it.
 */
final class NewsroomBrowser implements AutoCloseable {

    /** axe-core as npm installed it for the editor module (a devDependency there). */
    static final Path AXE = Path.of(System.getProperty("broadsheet.axe", "../../editor/node_modules/axe-core/axe.min.js"));

    private final WebDriver driver;
    private final URI site;
    private final WebDriverWait wait;
    private final Path screenshots = Path.of(System.getProperty("broadsheet.screenshots", "target/screenshots"));

    NewsroomBrowser(Path profile, URI site) {
        this.driver = Chromium.start(profile, 1280, 900);
        this.site = site;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    WebDriver driver() {
        return driver;
    }

    void signIn(String user, String password) {
        driver.get(site + "/admin/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        assertAccessible("sign-in");
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/oidc/authorize"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list-heading")));
        assertThat(driver.findElement(By.id("who")).getText()).startsWith(user);
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
    }

    /** The access token the app holds (what it sends the API). */
    String accessToken() {
        String tokens = (String) js("return sessionStorage.getItem('broadsheet.tokens')");
        return tokens.replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    WebElement await(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void awaitText(String css, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no \"" + text + "\" in " + css + "; the screen says: "
                    + driver.findElement(By.tagName("main")).getText() + "\n" + driver.getPageSource(), e);
        }
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String focusedId() {
        return (String) js("return document.activeElement && document.activeElement.id");
    }

    /** Tabs (forwards) until the element {@code id} has the focus, as a keyboard user would; fails after 150 presses. */
    void tabTo(String id) {
        for (int i = 0; i < 150 && !id.equals(focusedId()); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(focusedId()).as("reached by the Tab key").isEqualTo(id);
    }

    /** Tabs to the element {@code id} and presses Enter on it. */
    void pressByKeyboard(String id) {
        tabTo(id);
        new Actions(driver).sendKeys(Keys.ENTER).perform();
    }

    /** Types into whatever has the focus. */
    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * Runs axe-core on the screen as it is now (the preview frame's page, the published page, has
     * checks of its own) and asserts that no violation is serious or critical; answers the
     * number of violations of lesser impact.
     */
    @SuppressWarnings("unchecked")
    long assertAccessible(String screen) {
        try {
            js(Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: build the editor module (npm ci) first", e);
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { iframes: false, resultTypes: ['violations'] })"
                        + ".then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))"
                        + ".catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));");
        assertThat(violations).as("serious or critical axe-core violations on the " + screen + " screen")
                .filteredOn(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .isEmpty();
        return violations.size();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
