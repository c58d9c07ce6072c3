package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.core.editing.Editing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The packages of Broadsheet's own classes in a deployable jar, so that a jar test can say which
 * of them its shade filters kept and which they left out.
 */
final class JarPackages {

    /** The packages of the lambda module, by function; each jar keeps the shared one and some of the others. */
    static final String SHARED = "broadsheet.lambda";
    static final String HTTP = "broadsheet.lambda.http";
    static final String STREAM = "broadsheet.lambda.stream";
    static final String REPLAY = "broadsheet.lambda.stream.replay";
    static final String SCHEDULE = "broadsheet.lambda.schedule";
    static final String REBUILD = "broadsheet.lambda.rebuild";

    private JarPackages() {
    }

    /** The packages holding at least one class under {@code broadsheet/} in the jar. */
    static SortedSet<String> of(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return packages(zip.stream().map(ZipEntry::getName));
        }
    }

    /** The packages a jar should hold: all of core and aws, and of the lambda module's the ones named. */
    static SortedSet<String> expected(String... lambdaPackages) throws IOException {
        SortedSet<String> packages = coreAndAws();
        packages.addAll(List.of(lambdaPackages));
        return packages;
    }

    /** Every package of the core and aws modules, which both jars carry whole: read from their build output. */
    private static SortedSet<String> coreAndAws() throws IOException {
        SortedSet<String> packages = new TreeSet<>(ofBuildOutput(Editing.class));
        packages.addAll(ofBuildOutput(DynamoArticleStore.class));
        return packages;
    }

    private static SortedSet<String> ofBuildOutput(Class<?> member) throws IOException {
        Path location;
        try {
            location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return of(location);
        }
        try (Stream<Path> files = Files.walk(location)) {
            return packages(files.map(f -> location.relativize(f).toString().replace('\\', '/')));
        }
    }

    private static SortedSet<String> packages(Stream<String> entryNames) {
        SortedSet<String> packages = new TreeSet<>();
        entryNames.filter(n -> n.startsWith("broadsheet/") && n.endsWith(".class"))
                .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                .forEach(packages::add);
        return packages;
    }
}
