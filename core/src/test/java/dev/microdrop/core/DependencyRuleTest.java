package dev.microdrop.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain imports no framework: no Spring, no AWS SDK, no Lambda types, no JSON library. */
@AnalyzeClasses(packages = "dev.microdrop.core", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

    @ArchTest
    static final ArchRule domainIsFrameworkFree = noClasses().that().resideInAPackage("dev.microdrop.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "software.amazon..", "com.amazonaws..", "com.fasterxml..",
                    "org.crac..")
            .because("drop-core holds the rules; adapters around it hold the frameworks (STYLE.md, habit 2)");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoAdapters = noClasses().that().resideInAPackage("dev.microdrop.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.microdrop.infrastructure..",
                    "dev.microdrop.function..", "dev.microdrop.catalog..", "dev.microdrop.checkout..",
                    "dev.microdrop.payments..", "dev.microdrop.fulfilment..", "dev.microdrop.outbox..",
                    "dev.microdrop.local..");

    /**
     * Each package of the core can be read, tested and moved with what it depends on: the order model
     * ({@code order}) under the hold machinery ({@code stock}) and the payment port, those under the use cases
     * ({@code checkout}, {@code lifecycle}, {@code waitlist}, {@code preorder}), never back.
     */
    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles = slices().matching("dev.microdrop.core.(*)..")
            .should().beFreeOfCycles();
}
