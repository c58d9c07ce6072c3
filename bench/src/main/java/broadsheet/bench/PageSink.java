package broadsheet.bench;

import broadsheet.core.render.RenderedPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an export puts its pages. Called from several threads at once. */
@FunctionalInterface
public interface PageSink {

    void write(RenderedPage page);

    /** Writes each page to {@code root/<key>}, as a static file server (or Hugo's public/) would hold it. */
    static PageSink directory(Path root) {
        return page -> {
            Path file = root.resolve(page.key());
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, page.body());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        };
    }
}
