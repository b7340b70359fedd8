package dev.microdrop.cdk;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** The example shop's stack ({@code -c shop=neon}), synthesized once per test run, as {@link SynthesizedDrop}. */
final class SynthesizedShop {

    static final String SHOP = "neon";
    static final String STOREFRONT_URL = "https://shop.neon-runners.example/";
    static final ShopStack STACK;
    static final Template TEMPLATE;
    static final Annotations ANNOTATIONS;

    static {
        STACK = stack(Map.of());
        TEMPLATE = Template.fromStack(STACK);
        ANNOTATIONS = Annotations.fromStack(STACK);
    }

    private SynthesizedShop() {
    }

    /** The example shop's stack with this CDK context over {@code shop}, {@code storefrontUrl} and {@code mailFrom}. */
    static ShopStack stack(Map<String, Object> context) {
        Code placeholder = SynthesizedDrop.placeholderCode();
        Map<String, Object> defaults = new HashMap<>(Map.of("shop", SHOP, "storefrontUrl", STOREFRONT_URL,
                "mailFrom", SynthesizedDrop.MAIL_FROM));
        defaults.putAll(context);
        App app = new App(AppProps.builder().context(defaults).build());
        return MicrodropApp.shopStack(app, SynthesizedDrop.ROOT, module -> {
            if (!module.equals("shop")) {
                throw new AssertionError("the shop's stack deploys functions/shop only, not " + module);
            }
            return placeholder;
        }, MicrodropApp.Settings.fromContext(app));
    }
}
