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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The record of render generations, one {@code <generation> <digest>} line each (see {@link #withoutGeneration}). */
    public static final String GENERATIONS = "generations.txt";
    private static final Pattern GENERATION = Pattern.compile("(\"generation\"\\s*:\\s*)(\\d+)");

    public static String of(Path templates) {
        return digest(templates, true);
    }

    /**
     * The digest of what renders the pages, without the render generation: as {@link #of}, but with
     * the generation's number in {@code site.json} blanked out and {@value #GENERATIONS} left out.
     * It changes when a template, partial, static file or any other setting changes, and only
     * then, so it tells whether the templates changed since a generation was recorded.
     */
    public static String withoutGeneration(Path templates) {
        return digest(templates, false);
    }

    /** The render generation that {@code site.json} in the directory holds. */
    public static int generation(Path templates) {
        try {
            Matcher m = GENERATION.matcher(Files.readString(templates.resolve("site.json"), StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IllegalArgumentException("no \"generation\" in " + templates.resolve("site.json"));
            }
            return Integer.parseInt(m.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templates.resolve("site.json"), e);
        }
    }

    private static String digest(Path templates, boolean withGeneration) {
        if (!Files.isRegularFile(templates.resolve("site.json"))) {
            throw new IllegalArgumentException("no templates at " + templates.toAbsolutePath() + " (site.json missing)");
        }
        try (Stream<Path> walk = Files.walk(templates)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .map(templates::relativize)
                    .filter(p -> !p.startsWith("target") && !p.equals(Path.of("pom.xml")))
                    .filter(p -> withGeneration || !p.equals(Path.of(GENERATIONS)))
                    .sorted(java.util.Comparator.comparing(p -> p.toString().replace('\\', '/')))
                    .toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] name = file.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
                byte[] content = Files.readAllBytes(templates.resolve(file));
                if (!withGeneration && file.equals(Path.of("site.json"))) {
                    content = GENERATION.matcher(new String(content, StandardCharsets.UTF_8)).replaceFirst("$1_")
                            .getBytes(StandardCharsets.UTF_8);
                }
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
