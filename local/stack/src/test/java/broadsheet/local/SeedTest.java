package broadsheet.local;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeedTest {

    @TempDir
    Path data;

    @Test
    void seedsSampleArticlesAcrossSectionsOnceAndPublishesThem() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalSettings.of(data, 0, "seed-token"))) {
            Seed.Result first = stack.seed();

            assertThat(first.failed()).isEmpty();
            assertThat(first.created()).hasSize(8);
            assertThat(stack.feed().awaitSettled(Duration.ofSeconds(30))).isTrue();
            Http http = new Http(stack.siteUrl());
            List<String> sections = Seed.articleFiles().stream().map(Seed::article)
                    .map(json -> new String(json, java.nio.charset.StandardCharsets.UTF_8))
                    .map(json -> json.replaceAll("(?s).*\"section\": \"([a-z]+)\".*", "$1")).distinct().toList();
            assertThat(sections).hasSizeGreaterThanOrEqualTo(4).contains("world");
            for (String section : sections) {
                HttpResponse<String> front = http.get("/" + section + "/");
                assertThat(front.statusCode()).as(section).isEqualTo(200);
                assertThat(Jsoup.parse(front.body()).select("ol.teasers li")).as(section).isNotEmpty();
            }
            HttpResponse<String> world = http.get("/world/" + LocalStackTest.SLUG + "/");
            assertThat(Jsoup.parse(world.body()).selectFirst("figcaption").text()).contains(LocalStackTest.CAPTION);
            HttpResponse<String> image = http.get("/media/seed/nato-lisbon.svg");
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).hasValue("image/svg+xml");

            Seed.Result again = stack.seed();

            assertThat(again.created()).isEmpty();
            assertThat(again.existing()).hasSize(8);
        }
    }
}
