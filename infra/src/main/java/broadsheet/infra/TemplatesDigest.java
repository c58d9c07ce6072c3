package broadsheet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of the templates module's sources (the site config, pages, partials and static
 * files; not its pom or build output): every file's path relative to the directory and its bytes,
 * in path order. The stack outputs it, so the deploy workflow can tell a deploy that changed the
 * templates (and needs a whole-site rebuild) from one that did not, whatever was deployed before.
 */
public final class TemplatesDigest {

    private TemplatesDigest() {
    }

    public static String of(Path templates) {
        if (!Files.isRegularFile(templates.resolve("site.json"))) {
            throw new IllegalArgumentException("no templates at " + templates.toAbsolutePath() + " (site.json missing)");
        }
        try (Stream<Path> walk = Files.walk(templates)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .map(templates::relativize)
                    .filter(p -> !p.startsWith("target") && !p.equals(Path.of("pom.xml")))
                    .sorted(java.util.Comparator.comparing(p -> p.toString().replace('\\', '/')))
                    .toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] name = file.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
                byte[] content = Files.readAllBytes(templates.resolve(file));
                sha.update((name.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(name);
                sha.update((":" + content.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(content);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the templates at " + templates, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
