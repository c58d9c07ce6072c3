package broadsheet.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor's path through the newsroom app in headless Chromium: open /admin/, sign in at the
 * local OpenID Connect issuer (code + PKCE), see the article an editor posted through the API in
 * the list, filter, and open it in the editor. The app runs under its strict Content-Security-Policy.
 */
class EditorAppBrowserTest {

    private static final String HEADLINE = "Café owners <b>protest</b> & win";

    @TempDir
    Path data;
    @TempDir
    Path profile;

    private LocalStack stack;
    private WebDriver browser;
    private final Path screenshots = Path.of(System.getProperty("broadsheet.screenshots", "target/screenshots"));

    @BeforeEach
    void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "app-editor-token")
                .withLocalUsers(LocalUsers.parse("eve:eve-password:editors")));
        browser = Chromium.start(profile, 1280, 1000);
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
    void editorSignsInAndSeesAnArticleInTheList() throws Exception {
        Http http = new Http(stack.siteUrl());
        HttpResponse<String> created = http.postJson("/api/articles", ("{\"section\":\"world\",\"headline\":\""
                + HEADLINE.replace("\"", "\\\"") + "\",\"body\":\"First paragraph.\\n\\n<script>alert(1)</script>\","
                + "\"status\":\"draft\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "app-editor-token");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(stack.siteUrl() + "/admin/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();

        wait.until(ExpectedConditions.urlContains("/oidc/authorize"));
        browser.findElement(By.id("username")).sendKeys("eve");
        browser.findElement(By.id("password")).sendKeys("eve-password");
        browser.findElement(By.id("sign-in")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#articles a.headline")));
        assertThat(browser.getCurrentUrl()).as("the code is taken out of the address").doesNotContain("code=");
        assertThat(browser.findElement(By.cssSelector("#articles a.headline")).getText()).isEqualTo(HEADLINE);
        assertThat(browser.findElements(By.cssSelector("#articles b"))).as("text stays text").isEmpty();
        assertThat(browser.findElement(By.id("who")).getText()).contains("eve").contains("editors");
        screenshot("editor-article-list");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-status"))).selectByValue("published");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-articles")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-status"))).selectByValue("draft");
        browser.findElement(By.id("filter-headline")).sendKeys("cafe");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#articles a.headline"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-heading"), HEADLINE));
        assertThat(browser.findElement(By.id("headline")).getAttribute("value")).isEqualTo(HEADLINE);
        assertThat(browser.findElement(By.id("body")).getAttribute("value")).contains("<script>alert(1)</script>");
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('script:not([src]), main script, main b').length")).isEqualTo(0L);
        screenshot("editor-article-view");
    }

    @Test
    void pagesThroughTheListByCursorAndSignsOut() throws Exception {
        Http http = new Http(stack.siteUrl());
        for (int i = 1; i <= 22; i++) {
            byte[] json = ("{\"section\":\"sport\",\"headline\":\"Match report " + i + "\",\"body\":\"Score.\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(http.postJson("/api/articles", json, "app-editor-token").statusCode()).isEqualTo(201);
        }
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(stack.siteUrl() + "/admin/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.urlContains("/oidc/authorize"));
        browser.findElement(By.id("username")).sendKeys("eve");
        browser.findElement(By.id("password")).sendKeys("eve-password");
        browser.findElement(By.id("sign-in")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("next-page")));
        List<String> first = headlines();
        assertThat(first).hasSize(20);
        browser.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("first-page")));
        wait.until(d -> headlines().size() == 2);
        List<String> second = headlines();
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(browser.findElements(By.id("next-page"))).isEmpty();
        assertThat(browser.getCurrentUrl()).contains("c=");
        screenshot("editor-article-list-page-2");
        browser.findElement(By.id("first-page")).click();
        wait.until(d -> headlines().size() == 20);

        // the API searches every page: a headline of the second page is found from the first
        String wanted = second.get(0);
        browser.findElement(By.id("filter-headline")).sendKeys(wanted.toUpperCase(java.util.Locale.ROOT));
        browser.findElement(By.id("filter-apply")).click();
        wait.until(d -> headlines().contains(wanted));
        assertThat(headlines()).allSatisfy(h -> assertThat(h).startsWith(wanted));
        assertThat(browser.getCurrentUrl()).contains("q=MATCH");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        assertThat(browser.getCurrentUrl()).isEqualTo(stack.siteUrl() + "/admin/");
        assertThat(browser.findElement(By.id("sign-out")).isDisplayed()).isFalse();
    }

    private List<String> headlines() {
        return browser.findElements(By.cssSelector("#articles a.headline")).stream().map(e -> e.getText()).toList();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
