package io.plumbery.cli.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module boundaries of the README's layout, checked on the compiled classes of every module the CLI ships
 * (the CLI's test class path holds them all). Maven keeps a module from using what it does not depend on; these
 * rules keep the dependencies that do exist, transitive ones included, from being used across a forbidden line.
 */
class DependencyRulesTest {

    private static final String[] PROVIDER_IMPLEMENTATIONS = {
            "io.plumbery.providers.local..", "io.plumbery.providers.vagrant..", "io.plumbery.providers.jclouds..",
            "io.plumbery.providers.byon..", "io.plumbery.providers.host.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plumbery");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String pkg : new String[]{"io.plumbery.cli", "io.plumbery.engine", "io.plumbery.fittings",
                "io.plumbery.providers", "io.plumbery.state", "io.plumbery.bootstrap", "io.plumbery.node",
                "io.plumbery.net", "io.plumbery.providers.local", "io.plumbery.providers.vagrant",
                "io.plumbery.providers.jclouds", "io.plumbery.providers.byon", "io.plumbery.providers.host"}) {
            assertTrue(classes.containPackage(pkg), pkg + " is not on the class path: the rules would pass unread");
        }
    }

    @Test
    void theCommandLineOnlyParsesCallsTheEngineAndRenders() {
        check(noClasses().that().resideInAPackage("io.plumbery.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "net.schmizz..", "org.jclouds..", "freemarker..", "io.plumbery.bootstrap..",
                        "io.plumbery.providers.local..", "io.plumbery.providers.vagrant..",
                        "io.plumbery.providers.jclouds..", "io.plumbery.providers.byon..", "io.plumbery.providers.host..")
                .because("commands parse, make one engine call and render its result"));
    }

    @Test
    void theEngineKnowsNoCommandLine() {
        check(noClasses().that().resideInAPackage("io.plumbery.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.plumbery.cli..", "picocli..")
                .orShould().dependOnClassesThat().resideInAnyPackage(PROVIDER_IMPLEMENTATIONS)
                .because("the engine reaches providers through the SPI only"));
    }

    @Test
    void providersKnowOnlyTheSpiAndNodeAccess() {
        check(noClasses().that().resideInAPackage("io.plumbery.providers..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.plumbery.cli..", "io.plumbery.engine..", "io.plumbery.fittings..", "io.plumbery.bootstrap..")
                .because("providers never depend on the engine, the CLI or the plan model"));
    }

    @Test
    void providersDoNotLeanOnEachOther() {
        for (String provider : new String[]{"local", "vagrant", "jclouds", "byon"}) {
            String own = "io.plumbery.providers." + provider + "..";
            String[] others = java.util.Arrays.stream(PROVIDER_IMPLEMENTATIONS)
                    .filter(p -> !p.equals(own) && !p.equals("io.plumbery.providers.host..")).toArray(String[]::new);
            check(noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("what two providers share lives in providers/host"));
        }
        check(noClasses().that().resideInAnyPackage("io.plumbery.providers.host..", "io.plumbery.providers",
                        "io.plumbery.state..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.plumbery.providers.local..", "io.plumbery.providers.vagrant..", "io.plumbery.providers.jclouds..",
                        "io.plumbery.providers.byon..")
                .because("the SPI and the shared host support know no provider"));
    }

    @Test
    void theBootstrapReachesNodesThroughNodeAccess() {
        check(noClasses().that().resideInAPackage("io.plumbery.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.plumbery.providers..", "io.plumbery.state..", "io.plumbery.engine..", "io.plumbery.cli..")
                .because("the bootstrap needs nodes, not providers"));
    }

    @Test
    void theLowestLayersStandAlone() {
        check(noClasses().that().resideInAPackage("io.plumbery.node..")
                .should().dependOnClassesThat().resideInAnyPackage("io.plumbery.providers..", "io.plumbery.state..",
                        "io.plumbery.fittings..", "io.plumbery.bootstrap..", "io.plumbery.engine..", "io.plumbery.cli..")
                .because("node access is below everything that reaches a node"));
        check(noClasses().that().resideInAnyPackage("io.plumbery.fittings..", "io.plumbery.net..")
                .should().dependOnClassesThat().resideInAnyPackage("io.plumbery.providers..", "io.plumbery.state..",
                        "io.plumbery.node..", "io.plumbery.bootstrap..", "io.plumbery.engine..", "io.plumbery.cli..")
                .because("the plan is read without knowing who builds it"));
    }

    @Test
    void theClusterRuntimeIsASeparateProduct() {
        check(noClasses().that().resideOutsideOfPackage("io.plumbery.runtime..")
                .should().dependOnClassesThat().resideInAPackage("io.plumbery.runtime..")
                .because("the tool ships the runtime's jar to the nodes; it never calls into it"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
