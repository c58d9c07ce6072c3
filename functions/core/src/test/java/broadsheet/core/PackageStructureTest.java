package broadsheet.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's packages form a graph without cycles, and the lower ones do not reach up: an
 * article knows nothing of how it is listed, rendered or published.
 */
class PackageStructureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("broadsheet.core");

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("broadsheet.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void articlesSiteAndTextDependOnNothingThatPublishes() {
        noClasses().that().resideInAnyPackage("broadsheet.core.article..", "broadsheet.core.site..",
                        "broadsheet.core.text..", "broadsheet.core.markdown..")
                .should().dependOnClassesThat().resideInAnyPackage("broadsheet.core.editing..",
                        "broadsheet.core.listing..", "broadsheet.core.render..", "broadsheet.core.publish..",
                        "broadsheet.core.schedule..", "broadsheet.core.rebuild..")
                .check(CORE);
    }

    @Test
    void renderingAndListingsDoNotPublish() {
        noClasses().that().resideInAnyPackage("broadsheet.core.render..", "broadsheet.core.listing..")
                .should().dependOnClassesThat().resideInAnyPackage("broadsheet.core.editing..",
                        "broadsheet.core.publish..", "broadsheet.core.schedule..", "broadsheet.core.rebuild..")
                .check(CORE);
    }

    @Test
    void theConcurrencyHelperDependsOnNoOtherCorePackage() {
        noClasses().that().resideInAPackage("broadsheet.core.concurrent..")
                .should().dependOnClassesThat().resideInAnyPackage("broadsheet.core.article..",
                        "broadsheet.core.editing..", "broadsheet.core.listing..", "broadsheet.core.markdown..",
                        "broadsheet.core.media..", "broadsheet.core.publish..", "broadsheet.core.rebuild..",
                        "broadsheet.core.render..", "broadsheet.core.schedule..", "broadsheet.core.site..",
                        "broadsheet.core.text..")
                .check(CORE);
    }
}
