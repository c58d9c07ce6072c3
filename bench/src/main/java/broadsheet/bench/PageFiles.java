package broadsheet.bench;

import broadsheet.core.render.RenderedPage;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes pages to {@code root/<key>}, from any number of threads. Nearly every page is the
 * {@code index.html} of a directory of its own, so a site of N pages has about N directories:
 * each is made once, with {@link File#mkdir} from the topmost missing one down, and remembered,
 * so a page costs one open, one write and one close, and no exception (opening the file first and
 * making its directory on {@link java.io.FileNotFoundException} cost two exceptions a page).
 */
final class PageFiles {

    private final String root;
    /** Directories known to exist, as {@code root/<directory of a key>}. */
    private final Set<String> directories = ConcurrentHashMap.newKeySet();

    PageFiles(Path root) {
        this.root = root.toAbsolutePath().toString();
    }

    /** Writes the page's bytes as they are (no copy), making the missing parent directories. */
    void write(RenderedPage page) {
        String file = root + "/" + page.key();
        try {
            directory(file.substring(0, file.lastIndexOf('/')));
            try (OutputStream out = new FileOutputStream(file)) {
                page.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Makes {@code dir} and its missing parents, once. */
    private void directory(String dir) throws IOException {
        if (dir.isEmpty() || directories.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            directory(dir.substring(0, slash));
        }
        File made = new File(dir);
        if (!made.mkdir() && !made.isDirectory()) {
            throw new IOException("cannot create directory " + dir);
        }
        directories.add(dir);
    }
}
