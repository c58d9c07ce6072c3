package broadsheet.bench;

import broadsheet.core.render.RenderedPage;

import java.nio.file.Path;

/** Where an export puts its pages. Called from several threads at once. */
@FunctionalInterface
public interface PageSink {

    void write(RenderedPage page);

    /** Writes each page to {@code root/<key>}, as a static file server (or Hugo's public/) would hold it. */
    static PageSink directory(Path root) {
        return new PageFiles(root)::write;
    }
}
