package dev.microdrop.cdk;

import dev.microdrop.core.manifest.DropManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The example drop's stack, synthesized once per test run (jsii makes a synth cost seconds). Functions get a
 * placeholder asset, so these tests need no packaged module; {@code CdkCliSynthIntegrationTest} synthesizes with
 * the real artifacts.
 */
final class SynthesizedDrop {

    static final Path ROOT = repositoryRoot();
    static final Path EXAMPLE = ROOT.resolve("drops/neon-runners.yaml");
    static final DropManifest MANIFEST = MicrodropApp.readManifest(EXAMPLE);
    static final DropStack STACK;
    static final Template TEMPLATE;
    static final Annotations ANNOTATIONS;

    static {
        try {
            Path placeholder = Files.createTempDirectory("microdrop-cdk-code");
            Files.writeString(placeholder.resolve("README"), "placeholder for a function module's zip\n");
            App app = new App();
            STACK = MicrodropApp.stack(app, MANIFEST, ROOT, module -> Code.fromAsset(placeholder.toString()), "merchant", "1");
            TEMPLATE = Template.fromStack(STACK);
            ANNOTATIONS = Annotations.fromStack(STACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SynthesizedDrop() {
    }

    static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("template.yaml"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no directory above " + Path.of("").toAbsolutePath() + " holds template.yaml");
        }
        return directory;
    }
}
