package broadsheet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change to the templates must come with a raised render generation: pages carry the generation
 * in their revision, and without a higher one the rebuild that the deploy starts after a template
 * change re-renders every page and replaces none (README, "Changing the templates").
 * {@code templates/generations.txt} records, for every generation, the digest of the templates it
 * renders ({@link TemplatesDigest#withoutGeneration}); this check fails when the templates differ
 * from what the current generation recorded, and says what to write.
 */
class TemplateGenerationsTest {

    private static final Path TEMPLATES = Path.of("..", "templates");

    @Test
    void theTemplatesAreTheOnesTheirGenerationRecorded() {
        assertThat(problems(TEMPLATES)).isEmpty();
    }

    @Test
    void aTemplateChangeWithoutANewGenerationIsRefusedWithWhatToWrite(@TempDir Path dir) throws IOException {
        site(dir, 1, "<h1>{{headline}}</h1>");
        Files.writeString(dir.resolve(TemplatesDigest.GENERATIONS), "1 " + TemplatesDigest.withoutGeneration(dir) + "\n");
        assertThat(problems(dir)).isEmpty();

        Files.writeString(dir.resolve("pages/article.mustache"), "<h1 class=\"headline\">{{headline}}</h1>");
        String changed = TemplatesDigest.withoutGeneration(dir);
        assertThat(problems(dir)).singleElement().asString()
                .contains("raise \"generation\" in templates/site.json to 2")
                .contains("append the line \"2 " + changed + "\"");

        // raising the generation alone is not enough: the record must say which templates it renders
        site(dir, 2, "<h1 class=\"headline\">{{headline}}</h1>");
        assertThat(problems(dir)).singleElement().asString().contains("records generation 1");

        Files.writeString(dir.resolve(TemplatesDigest.GENERATIONS), "2 " + changed + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(problems(dir)).isEmpty();
    }

    @Test
    void generationsOnlyGoUp(@TempDir Path dir) throws IOException {
        site(dir, 1, "<h1>{{headline}}</h1>");
        String digest = TemplatesDigest.withoutGeneration(dir);
        Files.writeString(dir.resolve(TemplatesDigest.GENERATIONS), "2 " + digest + "\n1 " + digest + "\n");
        assertThat(problems(dir)).anySatisfy(p -> assertThat(p).contains("generation 1 follows generation 2"));
    }

    private static void site(Path dir, int generation, String article) throws IOException {
        Files.writeString(dir.resolve("site.json"), "{\n  \"name\": \"Broadsheet\",\n  \"generation\": " + generation + "\n}\n");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/article.mustache"), article);
    }

    /** What is wrong with the record of generations in a templates directory; empty when nothing is. */
    static List<String> problems(Path templates) {
        List<String> lines;
        try {
            lines = Files.readAllLines(templates.resolve(TemplatesDigest.GENERATIONS), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates/" + TemplatesDigest.GENERATIONS, e);
        }
        List<String> problems = new ArrayList<>();
        int previous = 0;
        String lastDigest = "";
        for (String line : lines) {
            String[] fields = line.split("\\s+");
            int generation = Integer.parseInt(fields[0]);
            if (generation <= previous) {
                problems.add("generation " + generation + " follows generation " + previous + " in " + TemplatesDigest.GENERATIONS);
            }
            previous = generation;
            lastDigest = fields[1];
        }
        int current = TemplatesDigest.generation(templates);
        String digest = TemplatesDigest.withoutGeneration(templates);
        if (current != previous) {
            problems.add("templates/site.json has generation " + current + " but " + TemplatesDigest.GENERATIONS
                    + " records generation " + previous + ": append the line \"" + current + " " + digest + "\"");
        } else if (!digest.equals(lastDigest)) {
            problems.add("the templates changed since generation " + current + " was recorded: raise \"generation\" in"
                    + " templates/site.json to " + (current + 1) + " and append the line \"" + (current + 1) + " "
                    + digest + "\" to templates/" + TemplatesDigest.GENERATIONS);
        }
        return problems;
    }
}
