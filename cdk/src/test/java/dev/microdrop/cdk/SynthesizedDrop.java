package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.manifest.DropManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
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
    /** The sender every synthesized stack gets unless a test's context says otherwise ({@code mailFrom} is required). */
    static final String MAIL_ADDRESS = "orders@neon-runners.example";
    static final String MAIL_FROM = "Neon Runners <" + MAIL_ADDRESS + ">";
    static final DropStack STACK;
    static final Template TEMPLATE;
    static final Annotations ANNOTATIONS;

    static {
        STACK = stack(Map.of());
        TEMPLATE = Template.fromStack(STACK);
        ANNOTATIONS = Annotations.fromStack(STACK);
    }

    private SynthesizedDrop() {
    }

    /**
     * The example drop's stack in an app with this CDK context (as {@code -c key=value} sets it), over a default
     * {@code mailFrom} of {@link #MAIL_FROM}.
     */
    static DropStack stack(Map<String, Object> context) {
        Code placeholder = placeholderCode();
        Map<String, Object> withMail = new java.util.HashMap<>(Map.of("mailFrom", MAIL_FROM));
        withMail.putAll(context);
        App app = new App(AppProps.builder().context(withMail).build());
        return MicrodropApp.stack(app, MANIFEST, ROOT, module -> placeholder, MicrodropApp.Settings.fromContext(app));
    }

    /** An asset standing in for a function module's zip, so synth needs no packaged module. */
    static Code placeholderCode() {
        try {
            Path placeholder = Files.createTempDirectory("microdrop-cdk-code");
            Files.writeString(placeholder.resolve("README"), "placeholder for a function module's zip\n");
            return Code.fromAsset(placeholder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one resource of {@code type} among {@code resources} whose logical id matches {@code idRegex}. */
    static JsonNode onlyResource(JsonNode resources, String type, String idRegex) {
        List<JsonNode> found = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals(type) && resource.getKey().matches(idRegex)) {
                found.add(resource.getValue());
            }
        });
        assertThat(found).as("%s %s", type, idRegex).hasSize(1);
        return found.getFirst();
    }

    /** A node's text, or each element's text for an array (CloudFormation takes one value or a list in many places). */
    static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> texts.add(element.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
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
