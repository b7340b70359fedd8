package dev.microdrop.local;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.microdrop.core.events.DomainEvent;

/**
 * Rules across modules, checked where every module is on the classpath. The core decides what happened: no class
 * outside it (adapters, functions, the local runtime) constructs a domain event; they hand the core the facts
 * their technology reported and write the events it made. And JSON is read and written one way everywhere.
 */
@AnalyzeClasses(packages = "dev.microdrop",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheCoreMakesDomainEvents = noClasses()
            .that().resideOutsideOfPackage("dev.microdrop.core..")
            .should().callConstructorWhere(target(owner(assignableTo(DomainEvent.class))))
            .because("the core decides what happened; an adapter reports facts (docs/architecture.md)");

    /**
     * Every production module reads and writes JSON with {@code dev.microdrop.infrastructure.json.Json}'s mapper, so
     * a body refused at one door (a member twice, a second document) is refused at every other, and an event is
     * written the same way wherever it is written, the local emulators' wire protocol included.
     */
    @ArchTest
    static final ArchRule oneJsonMapper = noClasses()
            .that().resideOutsideOfPackage("dev.microdrop.infrastructure.json")
            .should().callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
            .orShould().callMethodWhere(target(name("builder")).and(target(owner(assignableTo(ObjectMapper.class)))))
            .because("one JSON configuration: dev.microdrop.infrastructure.json.Json.mapper()");

    /** Test jars of other modules (fixtures such as RecordingPayments) are tests too. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}
