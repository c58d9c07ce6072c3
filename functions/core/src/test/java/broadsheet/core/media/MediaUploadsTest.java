package broadsheet.core.media;

import broadsheet.core.article.Violation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MediaUploadsTest {

    private final MediaUploads uploads = new MediaUploads(
            Clock.fixed(Instant.parse("2026-03-05T10:00:00Z"), ZoneOffset.UTC), () -> "r4nd0m");

    @Test
    void namesTheObjectFromTheMonthARandomPartAndASafeName() {
        MediaUploads.Checked checked = uploads.check(new MediaUploads.Request("Ölkrise Foto.JPG", "image/jpeg", 1234L));

        assertThat(checked).isEqualTo(new MediaUploads.Checked.Allowed(
                new MediaUploads.Upload("media/2026/03/r4nd0m-olkrise-foto.jpg", "image/jpeg", 1234)));
    }

    @Test
    void pathsInTheFilenameNeverReachTheKey() {
        MediaUploads.Upload upload = ((MediaUploads.Checked.Allowed) uploads.check(
                new MediaUploads.Request("../../index.html/..\\evil.png", "image/png", 10L))).upload();

        assertThat(upload.key()).isEqualTo("media/2026/03/r4nd0m-evil.png");
        assertThat(MediaUploads.safeName("..")).isEqualTo("image");
        assertThat(MediaUploads.safeName("/etc/passwd")).isEqualTo("passwd");
    }

    @Test
    void refusesOtherTypesOversizedAndNamelessUploadsAllAtOnce() {
        MediaUploads.Checked checked = uploads.check(new MediaUploads.Request(" ", "image/svg+xml", MediaUploads.MAX_BYTES + 1));

        assertThat(checked).isInstanceOf(MediaUploads.Checked.Refused.class);
        assertThat(((MediaUploads.Checked.Refused) checked).violations()).extracting(Violation::path)
                .containsExactly("/filename", "/contentType", "/size");
        assertThat(uploads.check(new MediaUploads.Request("a.gif", "image/gif", 0L)))
                .isInstanceOf(MediaUploads.Checked.Refused.class);
        assertThat(uploads.check(new MediaUploads.Request("a.gif", "image/gif", MediaUploads.MAX_BYTES)))
                .isInstanceOf(MediaUploads.Checked.Allowed.class);
    }
}
