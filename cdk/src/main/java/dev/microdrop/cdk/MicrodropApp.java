package dev.microdrop.cdk;

import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Entry point of the CDK app: one stack per drop manifest, from {@code cdk/}:
 * {@code cdk synth -c manifest=../drops/neon-runners.yaml}. The manifest is read and validated by the same
 * {@code YamlManifests} the merchant API and the local runtime use; an invalid one is refused with the field and
 * line of every error. cdk-nag's AwsSolutions pack checks every stack.
 *
 * <p>Context: {@code manifest} (required), {@code merchantId} (default {@code merchant}), {@code secretsRevision}
 * (default {@code 1}; change it after updating the drop's secret), {@code reservedConcurrency} (default: see
 * {@link ReservedConcurrency}; {@code off}, or {@code Checkout:400,Merchant:none}), {@code alarmEmail} (an address
 * subscribed to the alarm topic; none by default), {@code web} (the built pages; default {@code <root>/web/dist} when
 * it holds an index.html, else none: only config.json is deployed), {@code merchantEmail} (the merchant invited to
 * sign in to the dashboard), {@code signInDomainPrefix} (the hosted sign-in pages' Cognito domain prefix),
 * {@code mailFrom} (required: the verified SES identity buyers' mail comes from), {@code mailConfigurationSet} and
 * {@code mailRate} (see {@link MailSettings}), {@code root} (the repository, default {@code ..}: where
 * {@code events/rules} and each module's {@code target/<module>-lambda.zip} are), {@code shop} (the shop the drop
 * belongs to, whose stack is deployed first; none by default).
 *
 * <p>The shop's own stack ({@link ShopStack}) is synthesized when {@code shop} is given without a manifest:
 * {@code cdk synth -c shop=neon -c storefrontUrl=https://shop.example/ -c mailFrom=...}, with
 * {@code storefrontOrigins} (default: the origin of {@code storefrontUrl}), {@code mailRate}, {@code secretsRevision}
 * {@code alarmEmail} and {@code reservedConcurrency=off} (docs/shop-stack.md).
 */
public final class MicrodropApp {

    private MicrodropApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object manifestPath = app.getNode().tryGetContext("manifest");
        Path root = Path.of(String.valueOf(contextOr(app, "root", ".."))).toAbsolutePath().normalize();
        if (manifestPath == null) {
            Settings settings = Settings.fromContext(app);
            if (settings.shop().isEmpty()) {
                throw new IllegalArgumentException("which drop or shop? Pass a drop's manifest (cdk synth "
                        + "-c manifest=../drops/<name>.yaml) or, for the shop's own stack, only its name "
                        + "(cdk synth -c shop=<name> -c storefrontUrl=https://... -c mailFrom=...)");
            }
            shopStack(app, root, zipsUnder(root), settings);
            app.synth();
            return;
        }
        DropManifest manifest = readManifest(Path.of(manifestPath.toString()));
        // The built pages: -c web=<dir>, else web/dist when it was built; without any, the stack deploys only
        // config.json, and a later deploy with the pages fills the bucket.
        stack(app, manifest, root, zipsUnder(root), Settings.fromContext(app).withPagesIfBuilt(root.resolve("web/dist")));
        app.synth();
    }

    /**
     * What the CDK context sets besides the manifest.
     *
     * @param alarmEmail an address the alarm topic mails; the CDK context rather than the manifest, because who is on
     *                   call is the deploying account's business, not part of the drop the merchant versions
     */
    public record Settings(String merchantId, String secretsRevision, ReservedConcurrency reservedConcurrency,
                           Optional<String> alarmEmail, Optional<Path> web, Optional<String> merchantEmail,
                           Optional<String> signInDomainPrefix, Optional<String> mailFrom,
                           Optional<String> mailConfigurationSet, Optional<String> mailRate, Optional<String> shop,
                           Optional<String> storefrontUrl, Optional<String> storefrontOrigins) {

        /** The context's settings; the pages only when {@code web} names their directory (see {@link #main}). */
        public static Settings fromContext(App app) {
            return new Settings(String.valueOf(contextOr(app, "merchantId", "merchant")),
                    String.valueOf(contextOr(app, "secretsRevision", "1")),
                    ReservedConcurrency.fromContext(app.getNode().tryGetContext("reservedConcurrency")),
                    optional(app, "alarmEmail"), optional(app, "web").map(Path::of), optional(app, "merchantEmail"),
                    optional(app, "signInDomainPrefix"), optional(app, "mailFrom"),
                    optional(app, "mailConfigurationSet"), optional(app, "mailRate"), optional(app, "shop"),
                    optional(app, "storefrontUrl"), optional(app, "storefrontOrigins"));
        }

        /** These settings, with the pages of {@code directory} unless {@code web} named others. */
        Settings withPagesIfBuilt(Path directory) {
            if (web.isPresent() || !Files.isRegularFile(directory.resolve("index.html"))) {
                return this;
            }
            return new Settings(merchantId, secretsRevision, reservedConcurrency, alarmEmail, Optional.of(directory),
                    merchantEmail, signInDomainPrefix, mailFrom, mailConfigurationSet, mailRate, shop, storefrontUrl,
                    storefrontOrigins);
        }

        private static Optional<String> optional(App app, String key) {
            Object value = app.getNode().tryGetContext(key);
            return value == null || String.valueOf(value).isBlank() ? Optional.empty()
                    : Optional.of(String.valueOf(value).strip());
        }
    }

    /** The stack of {@code manifest} in {@code app}, nag-checked; its name is {@link #stackName}. */
    public static DropStack stack(App app, DropManifest manifest, Path root, Function<String, Code> code,
                                  Settings settings) {
        DropStack stack = new DropStack(app, stackName(manifest.dropId()), new DropStack.Props(manifest, code,
                root.resolve("events/rules"), settings.merchantId(), settings.secretsRevision(),
                settings.reservedConcurrency(), settings.alarmEmail(), settings.web().map(Path::toAbsolutePath),
                settings.merchantEmail(), settings.signInDomainPrefix(),
                MailSettings.of(settings.mailFrom(), settings.mailConfigurationSet(), settings.mailRate()),
                settings.shop(),
                StackProps.builder()
                        .description("microdrop drop " + manifest.dropId() + ": " + manifest.name())
                        .env(environment())
                        .build()));
        Aspects.of(stack).add(new AwsSolutionsChecks());
        return stack;
    }

    /**
     * The stack of the shop {@code settings.shop()} in {@code app}, nag-checked, named {@link ShopStack#nameOf}.
     * Its storefront origins are {@code storefrontOrigins} (comma-separated), else the origin of {@code storefrontUrl}.
     */
    public static ShopStack shopStack(App app, Path root, Function<String, Code> code, Settings settings) {
        String shop = settings.shop().orElseThrow(() -> new IllegalArgumentException("shop is required"));
        String storefrontUrl = settings.storefrontUrl().orElseThrow(() -> new IllegalArgumentException(
                "storefrontUrl is required for the shop's stack: the storefront its mails link to "
                        + "(-c storefrontUrl=https://shop.example/)"));
        List<String> origins = settings.storefrontOrigins()
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList())
                .orElseGet(() -> List.of(originOf(storefrontUrl)));
        ShopStack stack = new ShopStack(app, ShopStack.nameOf(shop), new ShopStack.Props(shop, code,
                root.resolve("events/shop-rules"), storefrontUrl, origins,
                MailSettings.of(settings.mailFrom(), settings.mailConfigurationSet(), settings.mailRate()),
                settings.secretsRevision(),
                // -c reservedConcurrency=off reserves nothing here either; the drop's function names do not apply.
                settings.reservedConcurrency().byFunction().isEmpty() ? null : 1, settings.alarmEmail(),
                StackProps.builder()
                        .description("microdrop shop " + shop + ": its audience, buyers across drops and mail")
                        .env(environment())
                        .build()));
        Aspects.of(stack).add(new AwsSolutionsChecks());
        return stack;
    }

    /** The account and region of the CLI's credentials (CDK_DEFAULT_*), or agnostic when synth has none. */
    private static Environment environment() {
        return Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
    }

    /** {@code https://shop.example} of {@code https://shop.example/any/path}, or the text as is when it is no URL. */
    private static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? url
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** {@code microdrop-<dropId>}: a drop id is lower-case letters, digits and dashes, valid in a stack name. */
    public static String stackName(String dropId) {
        return "microdrop-" + dropId;
    }

    /** Reads and validates a manifest, or refuses it with every error, {@code file:line: field: message}. */
    public static DropManifest readManifest(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drop manifest " + file, e);
        }
        return switch (YamlManifests.parse(yaml, file.toString())) {
            case ManifestResult.Parsed parsed -> parsed.manifest();
            case ManifestResult.Invalid invalid ->
                    throw new IllegalArgumentException("the drop manifest is not valid:\n" + invalid.report());
        };
    }

    /** Each module's {@code target/<module>-lambda.zip}, which its {@code package} phase writes. */
    static Function<String, Code> zipsUnder(Path root) {
        return module -> {
            Path zip = root.resolve("functions").resolve(module).resolve("target").resolve(module + "-lambda.zip");
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(zip + " is missing: build the functions first (./microdrop build)");
            }
            return Code.fromAsset(zip.toString());
        };
    }

    private static Object contextOr(App app, String key, Object fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value;
    }
}
