package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real CDK CLI (aws-cdk@2.1148.1, installed once into cdk/.cdk-cli by {@code cdk/cdk-cli}) synthesizes the
 * example drop from its manifest, with the functions' real artifacts and cdk-nag: what a merchant's CI runs before
 * {@code cdk deploy}. Offline once the CLI is installed. Skipped, saying why, when npm is not installed; fails when
 * a function module's zip is missing (the reactor packages the functions before this module).
 */
class CdkCliSynthIntegrationTest {

    private static final Path CDK = SynthesizedDrop.ROOT.resolve("cdk");

    @Test
    void cdkSynth_ofTheExampleDrop_succeedsWithNagAndWritesItsStack() throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(CDK.resolve(".cdk-cli/node_modules/.bin/cdk"));
        assumeTrue(installed || onPath("npm"), "npm is not installed, so the pinned CDK CLI cannot be");
        Path out = CDK.resolve("target/cdk.out.cli");
        deleteRecursively(out);
        String classpath = CDK.resolve("target/classes") + File.pathSeparator
                + Files.readString(CDK.resolve("target/runtime-classpath.txt")).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<String> command = List.of("bash", "cdk-cli", "synth", "--quiet", "--no-notices",
                "-c", "manifest=../drops/neon-runners.yaml", "-c", "mailFrom=" + SynthesizedDrop.MAIL_FROM,
                "-o", out.toString(),
                "--app", java + " -cp " + classpath + " dev.microdrop.cdk.MicrodropApp");
        Path log = Files.createTempFile("cdk-synth", ".log");
        Process synth = new ProcessBuilder(command).directory(CDK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = synth.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            synth.destroyForcibly();
        }

        assertThat(finished).as("cdk synth finished within 5 minutes:\n%s", output).isTrue();
        assertThat(synth.exitValue()).as("cdk synth exit code:\n%s", output).isZero();
        assertThat(output).doesNotContain("AwsSolutions-");
        JsonNode template = new ObjectMapper().readTree(out.resolve("microdrop-neon-runners.template.json").toFile());
        List<String> functions = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            // CDK's BucketDeployment provider (Custom::CDKBucketDeployment...) deploys the pages; it is not ours.
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && !resource.getKey().startsWith("CustomCDKBucketDeployment")) {
                functions.add(resource.getKey());
            }
        });
        assertThat(functions).hasSize(10);
        // The assets are the modules' zips (9), staged by the CLI for upload, and the pages' deployment's own: its
        // provider's code, the AWS CLI layer it runs, config.json (and the pages, when web/dist was built).
        try (var staged = Files.list(out)) {
            assertThat(staged.filter(p -> p.getFileName().toString().startsWith("asset.")).count())
                    .isGreaterThanOrEqualTo(9 + 3);
        }
    }

    /** A previous run's assembly would keep the assets of older zips. */
    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
