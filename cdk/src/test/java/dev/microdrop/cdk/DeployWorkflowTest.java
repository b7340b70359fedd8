package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/deploy-drop.yml} has never run (it needs GitHub and an AWS account): every command it calls exists,
 * it takes credentials through OIDC, and it tests before it deploys. Each check is also shown failing on a broken
 * copy of the workflow, so a check that could never fail would be noticed.
 */
class DeployWorkflowTest {

    private static String yaml;

    @BeforeAll
    static void read() throws IOException {
        yaml = Files.readString(DeployWorkflow.FILE);
    }

    @Test
    void theWorkflow_hasNoProblem() {
        DeployWorkflow workflow = DeployWorkflow.ofThisRepository();

        assertThat(workflow.problems()).isEmpty();
        // What the checks looked at, so an empty list means something.
        assertThat(workflow.steps()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(workflow.commands()).extracting(DeployWorkflow.Command::program)
                .contains("./microdrop", "./cdk-cli");
        assertThat(workflow.launcherCommands()).contains("test", "synth", "build");
        assertThat(workflow.defaultDrop()).isEqualTo("neon-runners");
    }

    @Test
    void withoutIdTokenWrite_orWithStoredKeys_orWithoutARole_theCredentialsAreRefused() {
        assertThat(problems(yaml.replace("id-token: write", "id-token: read")))
                .anyMatch(p -> p.contains("id-token: write is missing"));
        assertThat(problems(yaml.replace("role-to-assume: ${{ vars.MICRODROP_DEPLOY_ROLE_ARN }}",
                "aws-access-key-id: ${{ secrets.KEY }}")))
                .anyMatch(p -> p.contains("role-to-assume must name the OIDC role"))
                .anyMatch(p -> p.contains("stored access keys"));
    }

    @Test
    void aDeployBeforeTheTests_isRefused() {
        String testStep = """
                      - name: Build and test
                        run: ./microdrop test
                """;
        assertThat(yaml).contains(testStep);
        String withoutTests = yaml.replace(testStep, "");
        String testsLast = withoutTests + testStep;

        assertThat(problems(withoutTests)).anyMatch(p -> p.contains("no step runs the tests"));
        assertThat(problems(testsLast)).anyMatch(p -> p.contains("the tests must run before"));
    }

    @Test
    void anUnknownLauncherCommand_aMissingScript_anotherCliOrAnotherManifest_isRefused() {
        assertThat(problems(yaml.replace("./microdrop test", "./microdrop tests")))
                .anyMatch(p -> p.contains("./microdrop tests is not a launcher command"));
        assertThat(problems(yaml.replace("./cdk-cli deploy", "./cdk deploy")))
                .anyMatch(p -> p.contains("./cdk is not an executable file in cdk"));
        assertThat(problems(yaml.replace("./cdk-cli deploy", "npx aws-cdk@2.1000.0 deploy")))
                .anyMatch(p -> p.contains("aws-cdk@2.1000.0 is not the CLI cdk/cdk-cli pins"))
                .anyMatch(p -> p.contains("runs npx, not the pinned CLI"));
        assertThat(problems(yaml.replace("default: neon-runners", "default: no-such-drop")
                .replace("'neon-runners'", "'no-such-drop'")))
                .anyMatch(p -> p.contains("drops/no-such-drop.yaml does not exist"));
        assertThat(problems(yaml.replace("--app cdk.out", "--app cdk.out.other")))
                .anyMatch(p -> p.contains("is not the assembly ./microdrop synth writes"));
    }

    @Test
    void anotherJava_isRefused() {
        assertThat(problems(yaml.replace("java-version: \"21\"", "java-version: \"17\"")))
                .anyMatch(p -> p.contains("must install Java 21"));
    }

    private static java.util.List<String> problems(String changed) {
        assertThat(changed).as("the change took").isNotEqualTo(yaml);
        return new DeployWorkflow(SynthesizedDrop.ROOT, changed).problems();
    }
}
