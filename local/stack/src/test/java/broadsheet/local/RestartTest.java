package broadsheet.local;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTest {

    @TempDir
    Path data;

    @Test
    void keepsArticlesAndPagesAcrossAStopAndStartOnTheSameDataDirectory() throws Exception {
        String token = "restart-token";
        try (LocalStack first = LocalStack.start(LocalSettings.of(data, 0, token))) {
            Http http = new Http(first.siteUrl());
            assertThat(http.postJson("/api/articles", Seed.article(LocalStackTest.REFERENCE), token).statusCode()).isEqualTo(201);
            assertThat(http.awaitPage("/world/" + LocalStackTest.SLUG + "/", Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
        }

        try (LocalStack second = LocalStack.start(LocalSettings.of(data, 0, token))) {
            Http http = new Http(second.siteUrl());

            HttpResponse<String> page = http.get("/world/" + LocalStackTest.SLUG + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).isEqualTo(LocalStackTest.HEADLINE);
            HttpResponse<String> stored = http.get("/api/articles/" + LocalStackTest.SLUG, token);
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.body()).contains("\"version\":1");
            HttpResponse<String> again = http.postJson("/api/articles", Seed.article(LocalStackTest.REFERENCE), token);
            assertThat(again.statusCode()).isEqualTo(409);
        }
    }
}
