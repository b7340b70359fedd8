package dev.microdrop.function.snapstart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every execution environment restored from one SnapStart snapshot starts with the same memory: a generator that
 * keeps its seed in memory would make the same "random" choices in all of them (the same first stock shard, the
 * same back-off). The code every function shares draws through {@code RestoredRandom} instead.
 */
@AnalyzeClasses(packages = "dev.microdrop", importOptions = {ImportOption.DoNotIncludeTests.class,
        SnapStartUniquenessTest.NoTestJars.class})
class SnapStartUniquenessTest {

    @ArchTest
    static final ArchRule noSeedKeptInMemory = noClasses().that().resideInAPackage("dev.microdrop..")
            .should().dependOnClassesThat().belongToAnyOf(Random.class, ThreadLocalRandom.class,
                    SplittableRandom.class)
            .because("a seed in memory is copied into every environment restored from the snapshot; draw from "
                    + "dev.microdrop.core.random.RestoredRandom");

    /** Tests (in test jars of other modules, too) may use seeded generators: they never run in a snapshot. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}
