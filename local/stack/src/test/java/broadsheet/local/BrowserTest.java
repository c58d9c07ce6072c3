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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's path through the site in headless Chromium: home page, section page, article page,
 * against the whole local stack after an editor posted the article through the API.
 */
class BrowserTest {


    @TempDir
    Path data;
    @TempDir
    Path profile;

    private LocalStack stack;
    private WebDriver browser;
    private final Path screenshots = Path.of(System.getProperty("broadsheet.screenshots", "target/screenshots"));

    @BeforeEach
    void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "browser-token"));
        browser = Chromium.start(profile, 1280, 1600);
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
        assertThat(http.awaitText("/", LocalStackTest.HEADLINE, LocalStackTest.LISTINGS_WITHIN).body()).contains(LocalStackTest.HEADLINE);

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
