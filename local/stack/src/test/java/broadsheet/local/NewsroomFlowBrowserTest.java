package broadsheet.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newsroom's screens in headless Chromium against the local stack: a contributor drafts an
 * article with an uploaded lead image, previews it and submits it; an editor finds it in the
 * review queue and schedules it, and the page appears on the site after its time; a
 * contributor's publish through the API is refused; two editors saving the same article meet the
 * conflict flow; unsaved work survives a reload; revisions, move, unpublish and delete by
 * keyboard alone. axe-core checks every screen; each screen is saved as a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomFlowBrowserTest {

    private static final ZoneId NEWSROOM = ZoneId.of(LocalStack.NEWSROOM_TIME_ZONE);

    private LocalStack stack;
    private Http http;
    private Path files;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path files) {
        this.files = files;
        stack = LocalStack.start(LocalSettings.of(data, 0, "flow-editor-token")
                .withLocalUsers(LocalUsers.parse(
                        "eve:eve-password:editors ed:ed-password:editors cora:cora-password:contributors")));
        http = new Http(stack.siteUrl());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private NewsroomBrowser browser(String name) {
        return new NewsroomBrowser(files.resolve("profile-" + name), stack.siteUrl());
    }

    @Test
    void contributorDraftsAndSubmitsThenAnEditorSchedulesItAndThePageAppears() throws Exception {
        Path photo = files.resolve("harbour.png");
        BufferedImage image = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 140));
        g.fillRect(0, 0, 480, 270);
        g.setColor(new Color(240, 200, 60));
        g.fillOval(300, 40, 90, 90);
        g.dispose();
        ImageIO.write(image, "png", photo.toFile());
        String slug;

        try (NewsroomBrowser cora = browser("cora")) {
            cora.signIn("cora", "cora-password");
            assertThat(cora.driver().findElements(By.id("nav-review"))).as("contributors have no review queue").isEmpty();
            cora.assertAccessible("article list");
            cora.screenshot("newsroom-list");

            cora.pressByKeyboard("new-article");
            cora.await("#editor-heading");
            assertThat(cora.byId("editor-heading").getText()).isEqualTo("New article");
            assertThat(cora.driver().findElements(By.id("publish-at"))).as("contributors do not schedule").isEmpty();
            assertThat(cora.driver().findElements(By.id("publish"))).as("contributors do not publish").isEmpty();
            new Select(cora.byId("section")).selectByValue("world");
            cora.type("headline", "Harbour <b>reopens</b> after storm");
            cora.type("standfirst", "Ferries run again from Monday.");
            cora.type("body", "The harbour **reopened** on Sunday.\n\n> We are back, said the harbour master.\n\n<script>alert(1)</script>");
            cora.type("authors", "Cora Reed, Sam Lee");
            cora.type("tags", "ports, weather");
            cora.type("source", "Harbour authority");
            cora.byId("image-file").sendKeys(photo.toAbsolutePath().toString());
            cora.awaitText("#image-status", "Uploaded harbour.png");
            assertThat((Boolean) cora.js("const i = document.getElementById('image-thumb');"
                    + " return i.complete && i.naturalWidth === 480")).as("the uploaded image loads from the site").isTrue();
            cora.click("save");
            cora.awaitText("#form-errors", "The lead image needs alt text.");
            assertThat(cora.byId("form-errors").getText()).contains("The lead image needs a caption.");
            cora.assertAccessible("editor with problems");
            cora.type("image-alt", "Ferries moored in the harbour");
            cora.type("image-caption", "The harbour on Sunday morning.");
            cora.assertAccessible("new article editor");
            cora.js("document.getElementById('image-thumb').scrollIntoView({ block: 'center' })");
            cora.screenshot("newsroom-editor-new");

            cora.pressByKeyboard("save");
            cora.await("#editor-status");
            cora.awaitText("#preview-state", "as the site will show it");
            slug = cora.driver().getCurrentUrl().replaceAll(".*#/articles/", "");
            assertThat(slug).matches("harbour-[a-z0-9-]+");
            assertThat(cora.byId("editor-status").getText()).isEqualTo("Draft");
            WebElement frame = cora.byId("preview");
            assertThat(frame.getAttribute("sandbox")).as("the preview runs no script").isEmpty();
            cora.driver().switchTo().frame(frame);
            assertThat(cora.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Harbour <b>reopens</b> after storm");
            assertThat(cora.driver().findElement(By.cssSelector(".article-body strong")).getText()).isEqualTo("reopened");
            assertThat(cora.driver().findElements(By.cssSelector("script:not([type='application/ld+json'])"))).isEmpty();
            assertThat(cora.driver().findElement(By.cssSelector("figure img")).getAttribute("alt"))
                    .isEqualTo("Ferries moored in the harbour");
            cora.driver().switchTo().defaultContent();
            cora.assertAccessible("editor with preview");
            cora.screenshot("newsroom-editor-preview");

            HttpResponse<String> publish = http.putJson("/api/articles/" + slug,
                    ("{\"section\":\"world\",\"headline\":\"Harbour reopens\",\"body\":\"Text.\",\"status\":\"published\"}")
                            .getBytes(StandardCharsets.UTF_8), cora.accessToken(), "\"1\"");
            assertThat(publish.statusCode()).as(publish.body()).isEqualTo(403);
            assertThat(publish.body()).contains("only editors may publish or schedule");

            cora.pressByKeyboard("submit-review");
            cora.awaitText("#editor-status", "In review");
            assertThat(cora.byId("save-state").getText()).contains("Submitted for review.");
            cora.signOut();
        }

        try (NewsroomBrowser eve = browser("eve")) {
            eve.signIn("eve", "eve-password");
            eve.click("nav-review");
            eve.awaitText("#list-heading", "Review queue");
            eve.await("#articles tr[data-slug='" + slug + "']");
            eve.assertAccessible("review queue");
            eve.screenshot("newsroom-review-queue");

            eve.driver().findElement(By.cssSelector("#articles tr[data-slug='" + slug + "'] a.headline")).click();
            eve.awaitText("#editor-status", "In review");
            ZonedDateTime at = ZonedDateTime.now(NEWSROOM).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
            eve.js("const p = document.getElementById('publish-at'); p.value = arguments[0];"
                    + " p.dispatchEvent(new Event('input', { bubbles: true }));",
                    at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
            assertThat(eve.byId("publish-at-utc").getText())
                    .contains(LocalStack.NEWSROOM_TIME_ZONE)
                    .contains(at.withZoneSameInstant(ZoneId.of("UTC")).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " UTC");
            eve.assertAccessible("editor of a submitted article");
            eve.js("document.getElementById('publish-at').scrollIntoView({ block: 'center' })");
            eve.screenshot("newsroom-schedule");
            eve.pressByKeyboard("schedule");
            eve.awaitText("#editor-status", "Scheduled");
            assertThat(http.get("/world/" + slug + "/").statusCode()).as("not before its time").isEqualTo(404);

            HttpResponse<String> page = http.awaitPage("/world/" + slug + "/", Duration.ofSeconds(20));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Harbour &lt;b&gt;reopens&lt;/b&gt; after storm", "/media/", "harbour.png")
                    .doesNotContain("<script>alert(1)</script>").doesNotContain("preview-banner");
            HttpResponse<String> media = http.get(page.body().replaceAll("(?s).*src=\"https?://[^/]+(/media/[^\"]+)\".*", "$1"));
            assertThat(media.statusCode()).as("the uploaded image is served").isEqualTo(200);
        }
    }

    @Test
    void twoEditorsSavingTheSameArticleMeetTheConflictFlow() throws Exception {
        HttpResponse<String> created = http.postJson("/api/articles",
                "{\"section\":\"business\",\"headline\":\"Rates hold\",\"body\":\"The bank held rates.\"}"
                        .getBytes(StandardCharsets.UTF_8), "flow-editor-token");
        assertThat(created.statusCode()).isEqualTo(201);

        try (NewsroomBrowser eve = browser("eve-conflict"); NewsroomBrowser ed = browser("ed-conflict")) {
            eve.signIn("eve", "eve-password");
            ed.signIn("ed", "ed-password");
            for (NewsroomBrowser b : new NewsroomBrowser[] {eve, ed}) {
                b.driver().get(stack.siteUrl() + "/admin/#/articles/rates-hold");
                b.awaitText("#editor-meta", "version 1");
            }
            eve.type("headline", "Rates hold at 4%");
            eve.click("save");
            eve.awaitText("#save-state", "version 2");

            ed.type("body", "The bank held rates, as markets expected.");
            ed.click("save");
            WebElement dialog = ed.await("dialog[open] #conflict");
            assertThat(dialog.getText()).contains("version 2 was saved", "They changed: Headline.");
            assertThat(ed.byId("conflict-theirs").findElement(By.tagName("ins")).getText()).contains("Rates hold at 4%");
            assertThat(ed.byId("conflict-mine").findElements(By.tagName("ins"))).map(WebElement::getText)
                    .anySatisfy(text -> assertThat(text).contains("as markets expected"))
                    .anySatisfy(text -> assertThat(text).contains("Headline: Rates hold"));
            ed.assertAccessible("conflict dialog");
            ed.screenshot("newsroom-conflict");

            ed.pressByKeyboard("conflict-reload");
            ed.awaitText("#save-state", "Reloaded version 2");
            assertThat(ed.byId("headline").getAttribute("value")).isEqualTo("Rates hold at 4%");
            assertThat(ed.byId("recover").isDisplayed()).as("the reloaded-over work can be recovered").isTrue();
            ed.click("recover-draft");
            assertThat(ed.byId("body").getAttribute("value")).isEqualTo("The bank held rates, as markets expected.");
            ed.type("headline", "Rates hold at 4%");
            ed.click("save");
            ed.awaitText("#save-state", "version 3");

            eve.type("standfirst", "Markets shrugged.");
            eve.click("save");
            eve.await("dialog[open] #conflict");
            eve.pressByKeyboard("conflict-overwrite");
            eve.awaitText("#save-state", "Saved over their version. Saved: version 4.");
        }
        HttpResponse<String> stored = http.get("/api/articles/rates-hold", "flow-editor-token");
        assertThat(stored.body()).contains("\"version\":4", "Markets shrugged.", "Rates hold at 4%")
                .as("overwriting knowingly replaces the other save").doesNotContain("as markets expected");
    }

    @Test
    void unsavedWorkSurvivesAReloadAndEveryActionWorksByKeyboard() throws Exception {
        HttpResponse<String> created = http.postJson("/api/articles",
                "{\"section\":\"world\",\"headline\":\"Bridge opens\",\"body\":\"The bridge opened.\",\"status\":\"published\"}"
                        .getBytes(StandardCharsets.UTF_8), "flow-editor-token");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(http.awaitPage("/world/bridge-opens/", Duration.ofSeconds(10)).statusCode()).isEqualTo(200);

        try (NewsroomBrowser eve = browser("eve-keys")) {
            eve.signIn("eve", "eve-password");
            eve.driver().get(stack.siteUrl() + "/admin/#/articles/bridge-opens");
            eve.awaitText("#editor-status", "Published");

            // a typed correction: leaving the page now would ask first; then the tab is closed unsaved
            eve.tabTo("body");
            eve.keys(" Traffic flows both ways.");
            Thread.sleep(400); // the draft is kept 300 ms after the last key
            assertThat((Boolean) eve.js("const e = new Event('beforeunload', { cancelable: true });"
                    + " window.dispatchEvent(e); return e.defaultPrevented;")).as("the browser warns on leaving").isTrue();
            WebDriver driver = eve.driver();
            String closing = driver.getWindowHandle();
            driver.switchTo().newWindow(WindowType.TAB);
            String fresh = driver.getWindowHandle();
            driver.switchTo().window(closing).close();
            driver.switchTo().window(fresh);
            eve.signIn("eve", "eve-password"); // a new tab has no session of its own
            driver.get(stack.siteUrl() + "/admin/#/articles/bridge-opens");
            eve.await("#recover:not([hidden])");
            eve.assertAccessible("editor offering a kept draft");
            eve.screenshot("newsroom-recover-draft");
            eve.pressByKeyboard("recover-draft");
            assertThat(eve.byId("body").getAttribute("value")).isEqualTo("The bridge opened. Traffic flows both ways.");
            eve.awaitText("#preview-state", "Your unsaved changes");
            driver.switchTo().frame(eve.byId("preview"));
            assertThat(driver.findElement(By.cssSelector(".article-body")).getText()).contains("Traffic flows both ways.");
            driver.switchTo().defaultContent();

            // leaving inside the app with unsaved work asks too; staying keeps the work
            eve.pressByKeyboard("nav-articles");
            Alert stay = new WebDriverWait(eve.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
            assertThat(stay.getText()).contains("unsaved changes");
            stay.dismiss();
            assertThat(eve.driver().getCurrentUrl()).endsWith("#/articles/bridge-opens");
            assertThat(eve.byId("body").getAttribute("value")).endsWith("Traffic flows both ways.");

            eve.pressByKeyboard("publish");
            eve.awaitText("#save-state", "version 2");
            assertThat(http.awaitText("/world/bridge-opens/", "Traffic flows both ways.", Duration.ofSeconds(10)).statusCode())
                    .isEqualTo(200);

            eve.pressByKeyboard("revisions-link");
            eve.await("#revision-diff");
            assertThat(eve.byId("revision-diff").findElement(By.tagName("ins")).getText()).contains("Traffic flows both ways.");
            eve.assertAccessible("revisions");
            eve.screenshot("newsroom-revisions");
            eve.pressByKeyboard("restore");
            eve.awaitText("#editor-meta", "version 3");
            assertThat(eve.byId("body").getAttribute("value")).isEqualTo("The bridge opened.");

            eve.pressByKeyboard("move");
            eve.await("dialog[open] #move-section");
            assertThat(eve.byId("move-note").getText()).contains("keeps a redirect");
            eve.assertAccessible("move dialog");
            eve.screenshot("newsroom-move");
            eve.keys("s"); // the section select has the focus: "s" picks Science
            assertThat(new Select(eve.byId("move-section")).getFirstSelectedOption().getAttribute("value")).isEqualTo("science");
            eve.pressByKeyboard("move-confirm");
            eve.awaitText("#editor-meta", "/science/bridge-opens/");
            assertThat(http.awaitStatus("/world/bridge-opens/", 301, Duration.ofSeconds(10))).isEqualTo(301);
            assertThat(http.awaitPage("/science/bridge-opens/", Duration.ofSeconds(10)).statusCode()).isEqualTo(200);

            eve.pressByKeyboard("unpublish");
            eve.awaitText("#editor-status", "Draft");
            assertThat(http.awaitStatus("/science/bridge-opens/", 404, Duration.ofSeconds(10))).isEqualTo(404);

            eve.pressByKeyboard("delete");
            eve.await("dialog[open] #delete-confirm");
            eve.assertAccessible("delete dialog");
            eve.screenshot("newsroom-delete");
            eve.pressByKeyboard("delete-confirm");
            eve.await("#list-heading");
        }
        assertThat(http.get("/api/articles/bridge-opens", "flow-editor-token").statusCode()).isEqualTo(404);
    }
}
