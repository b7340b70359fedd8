package dev.microdrop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each function's Lambda zip carries (the zips are written by the function modules' package phase, which
 * runs before this module's tests): the big libraries only where the function uses them. stripe-java alone is
 * 20 MB; the SDK's EventBridge, SQS and Scheduler modules 3 MB together.
 */
class LambdaArtifactsTest {

    /** Each optional library, and the modules whose code calls it. */
    private static final Map<String, Set<String>> USERS = Map.of(
            "stripe-java-", Set.of("checkout", "payments", "merchant"),
            "eventbridge-", Set.of("outbox"),
            "sqs-", Set.of("outbox", "payments", "shop"),
            "scheduler-", Set.of("merchant"),
            "snakeyaml-", Set.of("merchant"),
            "sesv2-", Set.of("notifications", "shop"));

    @Test
    void eachZip_carriesStripeAndTheOtherServicesSdks_onlyIfItsFunctionUsesThem() throws IOException {
        for (Startup.Function function : Startup.FUNCTIONS) {
            List<String> jars = jars(function);
            USERS.forEach((library, users) -> assertThat(jars.stream().anyMatch(jar -> jar.startsWith(library)))
                    .as("%s-lambda.zip carries %s*.jar", function.module(), library)
                    .isEqualTo(users.contains(function.module())));
        }
    }

    @Test
    void eachZip_carriesItsOwnClassesAtTheRoot_andTheSharedModulesAsJars() throws IOException {
        for (Startup.Function function : Startup.FUNCTIONS) {
            String application = function.application().getName().replace('.', '/') + ".class";
            try (ZipFile zip = new ZipFile(Startup.artifact(Startup.functionsDir(), function).toFile())) {
                assertThat(zip.getEntry(application)).as(function.module()).isNotNull();
            }
            assertThat(jars(function)).as(function.module())
                    .anyMatch(jar -> jar.startsWith("drop-core-"))
                    .anyMatch(jar -> jar.startsWith("function-support-"))
                    .anyMatch(jar -> jar.startsWith("infrastructure-0"));
        }
    }

    /** The file names under {@code lib/} of the function's zip. */
    private static List<String> jars(Startup.Function function) throws IOException {
        try (ZipFile zip = new ZipFile(Startup.artifact(Startup.functionsDir(), function).toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("lib/".length()))
                    .toList();
        }
    }
}
