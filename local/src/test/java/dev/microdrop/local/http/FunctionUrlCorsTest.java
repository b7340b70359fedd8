package dev.microdrop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The local runtime's CORS is the function URLs' CORS: the same configuration, applied the same way. */
class FunctionUrlCorsTest {

    private static final List<String> ORIGINS = List.of("https://shop.example.com", "http://localhost:8080");

    @Test
    void theCatalogAndCheckoutConfigurations_areTheTemplates_andTheOtherFunctionUrlsHaveNone() throws Exception {
        Map<String, Object> resources = map(new Yaml().<Map<String, Object>>load(
                Files.readString(Path.of("..", "template.yaml"))), "Resources");

        assertSameAs(FunctionUrlCors.catalog(ORIGINS), cors(resources, "CatalogFunction"));
        assertSameAs(FunctionUrlCors.checkout(ORIGINS), cors(resources, "CheckoutFunction"));
        assertThat(urlConfig(resources, "PaymentsWebhookFunction")).doesNotContainKey("Cors");
        assertThat(urlConfig(resources, "MerchantFunction")).doesNotContainKey("Cors");
    }

    @Test
    void aPreflightFromAnAllowedOrigin_getsTheGrant_andFromAnyOtherOnlyVary() {
        FunctionUrlCors cors = FunctionUrlCors.checkout(ORIGINS);

        assertThat(cors.preflight("https://shop.example.com")).isEqualTo(Map.of(
                "access-control-allow-origin", "https://shop.example.com",
                "access-control-allow-methods", "GET, POST",
                "access-control-allow-headers", "content-type, idempotency-key, authorization",
                "access-control-max-age", "0",
                "vary", "Origin"));
        assertThat(cors.preflight("https://evil.example")).isEqualTo(Map.of("vary", "Origin"));
        assertThat(cors.preflight("null")).isEqualTo(Map.of("vary", "Origin"));
        assertThat(cors.preflight("https://SHOP.example.com")).isEqualTo(Map.of("vary", "Origin"));
    }

    @Test
    void aFunctionsOwnCorsHeaders_giveWayToTheConfiguration_andItsVaryIsKept() {
        FunctionUrlCors cors = FunctionUrlCors.catalog(ORIGINS);
        Map<String, String> fromFunction = Map.of("content-type", "application/json",
                "Access-Control-Allow-Origin", "*", "Vary", "Accept-Encoding");

        assertThat(cors.apply(fromFunction, "https://evil.example")).isEqualTo(Map.of(
                "content-type", "application/json", "vary", "Accept-Encoding, Origin"));
        assertThat(cors.apply(fromFunction, "http://localhost:8080")).isEqualTo(Map.of(
                "content-type", "application/json", "access-control-allow-origin", "http://localhost:8080",
                "vary", "Accept-Encoding, Origin"));
        assertThat(cors.apply(Map.of(), null)).isEqualTo(Map.of("vary", "Origin"));
    }

    private static void assertSameAs(FunctionUrlCors local, Map<String, Object> template) {
        assertThat(template.get("AllowMethods")).isEqualTo(local.allowMethods());
        assertThat(template.get("AllowHeaders")).isEqualTo(local.allowHeaders());
        assertThat(template.getOrDefault("MaxAge", 0)).isEqualTo(local.maxAgeSeconds());
        assertThat(template).doesNotContainKeys("ExposeHeaders", "AllowCredentials");
        assertThat(template.get("AllowOrigins")).isEqualTo(List.of(Map.of("Ref", "StorefrontOrigin")));
    }

    private static Map<String, Object> cors(Map<String, Object> resources, String function) {
        return map(urlConfig(resources, function), "Cors");
    }

    private static Map<String, Object> urlConfig(Map<String, Object> resources, String function) {
        return map(map(map(resources, function), "Properties"), "FunctionUrlConfig");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
