package broadsheet.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A reader's path through the site in headless Chromium: home page, section page, article page,
 * against the whole local stack after an editor posted the article through the API.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path data;
    @TempDir
    Path profile;

    private LocalStack stack;
    private WebDriver browser;
    private final Path screenshots = Path.of(System.getProperty("broadsheet.screenshots", "target/screenshots"));

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run scripts/test (it installs them) or apt-get install chromium chromium-driver");
        }
        stack = LocalStack.start(LocalSettings.of(data, 0, "browser-token"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600", "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void readerFollowsHomeToSectionToArticle() throws Exception {
        Http http = new Http(stack.siteUrl());
        assertThat(http.postJson("/api/articles", Seed.article(LocalStackTest.REFERENCE), "browser-token").statusCode())
                .isEqualTo(201);
        assertThat(http.awaitPage("/world/" + LocalStackTest.SLUG + "/", Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
        assertThat(http.awaitPage("/", Duration.ofSeconds(2)).body()).contains(LocalStackTest.HEADLINE);

        browser.get(stack.siteUrl() + "/");
        screenshot("home.png");
        assertThat(browser.findElements(By.cssSelector("ol.teasers h2 a")).stream().map(WebElement::getText))
                .contains(LocalStackTest.HEADLINE);

        browser.findElement(By.cssSelector("nav.sections a[href='/world/']")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(stack.siteUrl() + "/world/");
        screenshot("section.png");
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("World");

        browser.findElement(By.linkText(LocalStackTest.HEADLINE)).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(stack.siteUrl() + "/world/" + LocalStackTest.SLUG + "/");
        screenshot("article.png");

        assertThat(browser.findElement(By.cssSelector("article h1")).getText()).isEqualTo(LocalStackTest.HEADLINE);
        List<String> crumbs = browser.findElements(By.cssSelector("nav.breadcrumb li")).stream()
                .map(li -> li.getText().replace("/", "").strip()).toList();
        assertThat(crumbs).containsExactly("Home", "World", LocalStackTest.HEADLINE);
        assertThat(browser.findElement(By.cssSelector("figure.lead-image figcaption")).getText())
                .contains(LocalStackTest.CAPTION);
        WebElement sectionLink = browser.findElement(By.cssSelector("article .kicker a"));
        assertThat(sectionLink.getDomProperty("textContent").strip()).isEqualTo("World");
        assertThat(sectionLink.getAttribute("href")).isEqualTo(stack.siteUrl() + "/world/");
        assertThat(browser.getTitle()).contains(LocalStackTest.HEADLINE);
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
