package dev.microdrop.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy workflow a merchant copies into their repository ({@code docs/deploy-drop.yml}), read as plain YAML and
 * checked against this repository: {@link #problems()} lists what would make it fail or deploy something unchecked.
 * It cannot run here (it needs GitHub and an AWS account), so this is how it is kept true.
 */
final class DeployWorkflow {

    static final Path FILE = SynthesizedDrop.ROOT.resolve("docs/deploy-drop.yml");

    /** A GitHub expression; replaced by a placeholder word before a command line is split into words. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}");
    private static final Pattern VERSION_PIN = Pattern.compile("^VERSION=(\\S+)$", Pattern.MULTILINE);
    private static final Pattern LAUNCHER_COMMAND = Pattern.compile("^  ([a-z|-]+)\\)$", Pattern.MULTILINE);

    private final Path root;
    private final JsonNode workflow;

    DeployWorkflow(Path root, String yaml) {
        this.root = root;
        try {
            this.workflow = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DeployWorkflow ofThisRepository() {
        try {
            return new DeployWorkflow(SynthesizedDrop.ROOT, Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One step of the deploy job. */
    record Step(int index, String name, String uses, JsonNode with, String run, String workingDirectory) {
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        JsonNode jobSteps = workflow.path("jobs").path("deploy").path("steps");
        for (int i = 0; i < jobSteps.size(); i++) {
            JsonNode step = jobSteps.path(i);
            steps.add(new Step(i, step.path("name").asText(step.path("uses").asText("")), step.path("uses").asText(null),
                    step.path("with"), step.path("run").asText(null), step.path("working-directory").asText(".")));
        }
        return steps;
    }

    /** Each command a run step calls, as words (expressions replaced by EXPR), with the step that calls it. */
    record Command(Step step, List<String> words) {

        String program() {
            return words.getFirst();
        }
    }

    List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        for (Step step : steps()) {
            if (step.run() == null) {
                continue;
            }
            String script = EXPRESSION.matcher(step.run().replace("\\\n", " ")).replaceAll("EXPR");
            for (String line : script.split("\n|&&|\\|\\||;|\\|")) {
                List<String> words = new ArrayList<>();
                for (String word : line.strip().split("\\s+")) {
                    if (!word.isEmpty() && !word.startsWith("#")) {
                        words.add(word.replace("\"", "").replace("'", ""));
                    } else if (word.startsWith("#")) {
                        break;
                    }
                }
                // Leading VAR=value assignments are not the command.
                while (!words.isEmpty() && words.getFirst().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    words.removeFirst();
                }
                if (!words.isEmpty()) {
                    commands.add(new Command(step, words));
                }
            }
        }
        return commands;
    }

    /** The CDK CLI version {@code cdk/cdk-cli} pins. */
    String pinnedCdkCliVersion() {
        Matcher pin = VERSION_PIN.matcher(read(root.resolve("cdk/cdk-cli")));
        if (!pin.find()) {
            throw new IllegalStateException("cdk/cdk-cli pins no VERSION=");
        }
        return pin.group(1);
    }

    /** The subcommands the launcher's case statement knows. */
    Set<String> launcherCommands() {
        Set<String> commands = new LinkedHashSet<>();
        Matcher label = LAUNCHER_COMMAND.matcher(read(root.resolve("microdrop")));
        while (label.find()) {
            commands.addAll(List.of(label.group(1).split("\\|")));
        }
        return commands;
    }

    /** Everything that is wrong with the workflow; empty when it is sound. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        JsonNode permissions = workflow.path("permissions");
        if (!permissions.path("id-token").asText().equals("write")) {
            problems.add("permissions: id-token: write is missing, so the job cannot ask GitHub for its OIDC token");
        }
        if (!permissions.path("contents").asText().equals("read")) {
            problems.add("permissions: contents should be read (and nothing else): the job only checks the code out");
        }
        List<Step> steps = steps();
        if (steps.isEmpty()) {
            problems.add("jobs.deploy has no steps");
            return problems;
        }
        for (Step step : steps) {
            if (step.uses() != null && !step.uses().matches("[\\w.-]+/[\\w.-]+@v\\d+")) {
                problems.add("step " + step.name() + ": " + step.uses() + " is not pinned to a major version (@vN)");
            }
        }
        int tests = indexOf(steps, s -> s.run() != null && s.run().strip().matches("\\./microdrop test(\\s.*)?"));
        int credentials = indexOf(steps, s -> s.uses() != null
                && s.uses().startsWith("aws-actions/configure-aws-credentials@"));
        int synth = indexOf(steps, s -> s.run() != null && s.run().contains("./microdrop synth"));
        int deploy = indexOf(steps, s -> s.run() != null && s.run().contains("./cdk-cli deploy"));
        if (tests < 0) {
            problems.add("no step runs the tests (./microdrop test)");
        }
        if (credentials < 0) {
            problems.add("no step takes credentials from aws-actions/configure-aws-credentials");
        } else {
            JsonNode with = steps.get(credentials).with();
            if (!with.path("role-to-assume").asText().matches("\\$\\{\\{\\s*(vars|secrets)\\.\\w+\\s*}}")) {
                problems.add("configure-aws-credentials: role-to-assume must name the OIDC role through vars or secrets, "
                        + "not " + with.path("role-to-assume"));
            }
            if (with.has("aws-access-key-id") || with.has("aws-secret-access-key")) {
                problems.add("configure-aws-credentials: stored access keys; the role is assumed through OIDC");
            }
            if (!with.has("aws-region")) {
                problems.add("configure-aws-credentials: aws-region is missing");
            }
        }
        if (synth < 0) {
            problems.add("no step synthesizes the drop (./microdrop synth), so cdk-nag and the manifest go unchecked");
        }
        if (deploy < 0) {
            problems.add("no step deploys (./cdk-cli deploy)");
        } else {
            if (tests < 0 || tests > deploy || tests > credentials) {
                problems.add("the tests must run before the credentials are taken and before the deploy");
            }
            if (synth < 0 || synth > deploy) {
                problems.add("the deploy must come after the synth whose assembly it deploys");
            }
            if (credentials < 0 || credentials > deploy) {
                problems.add("the deploy must come after the credentials");
            }
        }
        problems.addAll(commandProblems());
        problems.addAll(toolchainProblems(steps));
        return problems;
    }

    private List<String> commandProblems() {
        List<String> problems = new ArrayList<>();
        String drop = defaultDrop();
        for (Command command : commands()) {
            Path directory = root.resolve(command.step().workingDirectory()).normalize();
            String program = command.program();
            if (program.startsWith("./") || program.contains("/")) {
                Path executable = directory.resolve(program).normalize();
                if (!Files.isExecutable(executable)) {
                    problems.add("step " + command.step().name() + ": " + program + " is not an executable file in "
                            + root.relativize(directory));
                    continue;
                }
            } else if (!List.of("cat", "echo", "ls", "test", "jq").contains(program)) {
                problems.add("step " + command.step().name() + ": " + program + " is not a command this check knows "
                        + "ubuntu-latest to have");
            }
            if (program.equals("./microdrop") && (command.words().size() < 2
                    || !launcherCommands().contains(command.words().get(1)))) {
                problems.add("step " + command.step().name() + ": ./microdrop "
                        + (command.words().size() < 2 ? "" : command.words().get(1))
                        + " is not a launcher command (it has " + launcherCommands() + ")");
            }
            if (program.equals("./microdrop") && command.words().size() > 2 && command.words().get(1).equals("synth")) {
                String manifest = command.words().get(2).replace("${DROP}", drop).replace("$DROP", drop);
                if (!Files.isRegularFile(directory.resolve(manifest))) {
                    problems.add("step " + command.step().name() + ": the default drop's manifest " + manifest
                            + " does not exist");
                }
            }
            for (String word : command.words()) {
                Matcher pinned = Pattern.compile("aws-cdk@(\\S+)").matcher(word);
                if (pinned.find() && !pinned.group(1).equals(pinnedCdkCliVersion())) {
                    problems.add("step " + command.step().name() + ": aws-cdk@" + pinned.group(1) + " is not the CLI "
                            + "cdk/cdk-cli pins (" + pinnedCdkCliVersion() + ")");
                }
            }
            if (List.of("cdk", "npx").contains(program)) {
                problems.add("step " + command.step().name() + ": runs " + program + ", not the pinned CLI (./cdk-cli)");
            }
            if (program.equals("./cdk-cli") && command.words().contains("deploy")) {
                int app = command.words().indexOf("--app");
                String assembly = app < 0 ? null : command.words().get(app + 1);
                // ./microdrop synth runs cdk-cli synth in cdk/, which writes cdk/cdk.out.
                if (assembly == null || !directory.resolve(assembly).equals(root.resolve("cdk/cdk.out"))) {
                    problems.add("step " + command.step().name() + ": deploy --app " + assembly + " is not the "
                            + "assembly ./microdrop synth writes (cdk/cdk.out)");
                }
            }
        }
        return problems;
    }

    private List<String> toolchainProblems(List<Step> steps) {
        List<String> problems = new ArrayList<>();
        int javaStep = indexOf(steps, s -> s.uses() != null && s.uses().startsWith("actions/setup-java@"));
        String release = matchIn(read(root.resolve("pom.xml")), "<maven.compiler.release>(\\d+)</maven.compiler.release>");
        if (javaStep < 0 || !steps.get(javaStep).with().path("java-version").asText().equals(release)) {
            problems.add("actions/setup-java must install Java " + release + " (the build's maven.compiler.release)");
        }
        int nodeStep = indexOf(steps, s -> s.uses() != null && s.uses().startsWith("actions/setup-node@"));
        if (nodeStep < 0) {
            problems.add("actions/setup-node is missing: the pinned CDK CLI and jsii need Node.js");
        } else {
            Path cliPackage = root.resolve("cdk/.cdk-cli/node_modules/aws-cdk/package.json");
            int node = steps.get(nodeStep).with().path("node-version").asInt();
            if (Files.isRegularFile(cliPackage)) {
                // Installed by cdk/cdk-cli: its engines say which Node it runs on.
                String engines = matchIn(read(cliPackage), "\"node\":\\s*\">=\\s*(\\d+)");
                if (node < Integer.parseInt(engines)) {
                    problems.add("actions/setup-node installs Node " + node + "; aws-cdk@" + pinnedCdkCliVersion()
                            + " needs >= " + engines);
                }
            }
        }
        return problems;
    }

    /** The drop deployed when none is named: the env DROP's fallback and the input's default. */
    String defaultDrop() {
        String fallback = matchIn(workflow.path("env").path("DROP").asText(), "\\|\\|\\s*'([a-z0-9-]+)'");
        String inputDefault = workflow.path("on").path("workflow_dispatch").path("inputs").path("drop").path("default")
                .asText();
        return fallback.equals(inputDefault) ? fallback : "(env DROP falls back to " + fallback
                + " but the input's default is " + inputDefault + ")";
    }

    private static int indexOf(List<Step> steps, java.util.function.Predicate<Step> test) {
        return steps.stream().filter(test).mapToInt(Step::index).findFirst().orElse(-1);
    }

    private static String matchIn(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
