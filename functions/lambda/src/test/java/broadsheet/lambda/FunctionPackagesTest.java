package broadsheet.lambda;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The functions' packages ({@code http}, {@code stream}, {@code schedule}, {@code rebuild}) form
 * a graph without cycles, and each function's package stands alone: what they share (wiring,
 * configuration, priming) lives in {@code broadsheet.lambda} itself.
 */
class FunctionPackagesTest {

    private static final JavaClasses FUNCTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("broadsheet.lambda");

    private static final String[] FUNCTION_PACKAGES = {"broadsheet.lambda.http..", "broadsheet.lambda.stream..",
            "broadsheet.lambda.schedule..", "broadsheet.lambda.rebuild.."};

    @Test
    void lambdaSubpackagesHaveNoCycles() {
        slices().matching("broadsheet.lambda.(*)..").should().beFreeOfCycles().check(FUNCTIONS);
    }

    @Test
    void noFunctionPackageDependsOnAnother() {
        for (String function : FUNCTION_PACKAGES) {
            String[] others = Arrays.stream(FUNCTION_PACKAGES).filter(p -> !p.equals(function))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(function)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(FUNCTIONS);
        }
    }
}
