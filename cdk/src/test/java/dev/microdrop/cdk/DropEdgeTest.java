package dev.microdrop.cdk;

import static dev.microdrop.cdk.SynthesizedDrop.TEMPLATE;
import static dev.microdrop.cdk.SynthesizedDrop.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The drop's pages and API on one CloudFront origin, and the merchant's Cognito sign-in, in the example stack. */
class DropEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ROOT = JSON.valueToTree(TEMPLATE.toJSON());
    private static final JsonNode RESOURCES = ROOT.path("Resources");

    // CloudFront's managed policies.
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    // ---- the pages' bucket

    @Test
    void thePagesBucket_isPrivate_sslOnly_s3Encrypted_andNoWebsite() {
        JsonNode bucket = SynthesizedDrop.onlyResource(RESOURCES, "AWS::S3::Bucket", "EdgeWebBucket[0-9A-F]{8}");
        JsonNode properties = bucket.path("Properties");
        assertThat(properties.path("PublicAccessBlockConfiguration")).isEqualTo(JSON.valueToTree(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        assertThat(properties.path("BucketEncryption").toString()).contains("AES256");
        assertThat(properties.has("WebsiteConfiguration")).isFalse();
        assertThat(properties.path("LoggingConfiguration").path("DestinationBucketName").path("Ref").asText())
                .startsWith("EdgeLogBucket");
    }

    @Test
    void thePagesBucket_isReadOnlyByThisDistribution_throughOriginAccessControl() {
        TEMPLATE.resourceCountIs("AWS::CloudFront::Distribution", 1);
        TEMPLATE.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        TEMPLATE.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig",
                Match.objectLike(Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always"))));
        JsonNode s3Origin = origins().values().stream().filter(o -> o.has("S3OriginConfig")).findFirst().orElseThrow();
        assertThat(s3Origin.path("OriginAccessControlId").path("Fn::GetAtt").path(0).asText()).startsWith("Edge");
        assertThat(TEMPLATE.findResources("AWS::CloudFront::CloudFrontOriginAccessIdentity")).isEmpty();

        String policy = SynthesizedDrop.onlyResource(RESOURCES, "AWS::S3::BucketPolicy", "EdgeWebBucketPolicy.*")
                .path("Properties").path("PolicyDocument").toString();
        assertThat(policy).contains("aws:SecureTransport").contains("cloudfront.amazonaws.com")
                .contains("AWS:SourceArn").contains("s3:GetObject").doesNotContain("\"Principal\":\"*\",\"Effect\":\"Allow\"");
    }

    // ---- behaviours

    @Test
    void everyApiPath_goesToItsFunctionsUrl_withoutRewriting() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "/drops", "Catalog", "/drops/*", "Catalog", "/directory*", "Catalog",
                "/checkout", "Checkout", "/waitlist", "Checkout", "/preorders", "Checkout", "/orders/*", "Checkout",
                "/webhooks/*", "PaymentsWebhook", "/merchant/*", "Merchant"));
        Map<String, String> routed = new TreeMap<>();
        Map<String, JsonNode> origins = origins();
        behaviours().forEach((path, behaviour) -> {
            JsonNode origin = origins.get(behaviour.path("TargetOriginId").asText());
            String domain = origin.path("DomainName").toString();
            routed.put(path, domain.replaceFirst("^.*\"([A-Za-z]+)LiveFunctionUrl[0-9A-F]{8}\".*$", "$1"));
            // The function URL's own path: no origin path prefix.
            assertThat(origin.path("OriginPath").asText("")).as(path).isEmpty();
        });
        assertThat(routed).isEqualTo(expected);
    }

    @Test
    void checkoutOrdersWebhooksAndMerchant_areNeverCached_getEveryMethodAndEveryViewerHeaderButHost() {
        behaviours().forEach((path, behaviour) -> {
            if (path.startsWith("/drops") || path.startsWith("/directory")) {
                return;
            }
            assertThat(behaviour.path("CachePolicyId").asText()).as(path).isEqualTo(CACHING_DISABLED);
            assertThat(behaviour.path("OriginRequestPolicyId").asText()).as(path).isEqualTo(ALL_VIEWER_EXCEPT_HOST);
            assertThat(texts(behaviour.path("AllowedMethods"))).as(path)
                    .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");
            assertThat(behaviour.path("ViewerProtocolPolicy").asText()).as(path).isEqualTo("https-only");
            assertThat(behaviour.has("FunctionAssociations")).as(path).isFalse();
        });
    }

    @Test
    void theCatalog_isCachedByItsOwnPolicy_forGetAndHeadOnly() {
        for (String path : List.of("/drops", "/drops/*", "/directory*")) {
            JsonNode behaviour = behaviours().get(path);
            String policy = behaviour.path("CachePolicyId").path("Ref").asText();
            assertThat(policy).as(path).startsWith("EdgeCatalogCachePolicy");
            assertThat(behaviour.path("OriginRequestPolicyId").asText()).as(path).isEqualTo(ALL_VIEWER_EXCEPT_HOST);
            assertThat(texts(behaviour.path("AllowedMethods"))).as(path).containsExactlyInAnyOrder("GET", "HEAD");
            assertThat(texts(behaviour.path("CachedMethods"))).as(path).containsExactlyInAnyOrder("GET", "HEAD");
        }
    }

    @Test
    void thePages_comeFromTheBucket_cachedRedirectedToHttps_withIndexHtmlForDirectories_andSecurityHeaders() {
        JsonNode config = distribution().path("DistributionConfig");
        assertThat(config.path("DefaultRootObject").asText()).isEqualTo("index.html");
        JsonNode pages = config.path("DefaultCacheBehavior");
        assertThat(origins().get(pages.path("TargetOriginId").asText()).has("S3OriginConfig")).isTrue();
        assertThat(pages.path("CachePolicyId").asText()).isEqualTo(CACHING_OPTIMIZED);
        assertThat(pages.path("ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
        assertThat(pages.path("FunctionAssociations")).hasSize(1);
        assertThat(pages.path("FunctionAssociations").path(0).path("EventType").asText()).isEqualTo("viewer-request");

        JsonNode function = SynthesizedDrop.onlyResource(RESOURCES, "AWS::CloudFront::Function", "EdgeIndexFunction.*");
        assertThat(function.path("Properties").path("FunctionCode").asText()).isEqualTo(DropEdge.INDEX_FUNCTION);
        assertThat(function.path("Properties").path("FunctionConfig").path("Runtime").asText()).isEqualTo("cloudfront-js-2.0");

        String headers = pages.path("ResponseHeadersPolicyId").path("Ref").asText();
        JsonNode security = RESOURCES.path(headers).path("Properties").path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig");
        assertThat(security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt()).isEqualTo(730 * 86400);
        assertThat(security.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
        assertThat(security.path("ContentTypeOptions").path("Override").asBoolean()).isTrue();
        assertThat(security.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText())
                .contains("frame-ancestors 'none'");
    }

    @Test
    void theDistribution_logsToTheLogBucket() {
        JsonNode logging = distribution().path("DistributionConfig").path("Logging");
        assertThat(logging.path("Bucket").toString()).contains("EdgeLogBucket");
        assertThat(logging.path("Prefix").asText()).isEqualTo("cloudfront/");
    }

    @Test
    void theDropsUrl_isAnOutput() {
        JsonNode url = ROOT.path("Outputs").path("DropUrl").path("Value");
        assertThat(url.toString()).contains("https://").contains("DomainName").contains("EdgeDistribution");
        assertThat(ROOT.path("Outputs").has("CatalogDistributionUrl")).isFalse();
    }

    // ---- what the pages read

    @Test
    void configJson_isDeployedWithThePages_carryingThePoolAndClientIds_andInvalidatesTheCache() {
        JsonNode deployment = single("Custom::CDKBucketDeployment").path("Properties");
        // Only config.json without built pages: the tests never depend on web/dist.
        assertThat(deployment.path("SourceObjectKeys")).hasSize(1);
        String markers = deployment.path("SourceMarkers").toString();
        assertThat(markers).contains("MerchantSignInUserPool").contains("MerchantSignInUserPoolDashboardClient")
                .contains("MerchantSignInUserPoolDomain");
        assertThat(deployment.path("DestinationBucketName").path("Ref").asText()).startsWith("EdgeWebBucket");
        assertThat(deployment.path("DistributionId").path("Ref").asText()).startsWith("EdgeDistribution");
        assertThat(texts(deployment.path("DistributionPaths"))).containsExactly("/*");
    }

    @Test
    void builtPages_fromTheContext_areDeployedBesideConfigJson(@TempDir Path web) throws IOException {
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>drop</title>");
        Template withPages = Template.fromStack(SynthesizedDrop.stack(Map.of("web", web.toString())));

        JsonNode deployment = JSON.valueToTree(withPages.findResources("Custom::CDKBucketDeployment").values()
                .iterator().next()).path("Properties");
        assertThat(deployment.path("SourceObjectKeys")).hasSize(2);
    }

    @Test
    void aStripePublishableKey_isAccepted_andASecretKeyIsRefused() {
        Template withKey = Template.fromStack(SynthesizedDrop.stack(Map.of("stripePublishableKey", "pk_test_51abcdefgh")));
        assertThat(withKey.findResources("Custom::CDKBucketDeployment")).hasSize(1);
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("stripePublishableKey", "sk_live_51abcdefgh")))
                .hasMessageContaining("never a secret key");
    }

    // ---- the merchant's sign-in

    @Test
    void theUserPool_invitesOnly_withAStrongPasswordAndOptionalTotp() {
        JsonNode pool = single("AWS::Cognito::UserPool").path("Properties");
        assertThat(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean()).isTrue();
        assertThat(pool.path("MfaConfiguration").asText()).isEqualTo("OPTIONAL");
        assertThat(texts(pool.path("EnabledMfas"))).containsExactly("SOFTWARE_TOKEN_MFA");
        JsonNode password = pool.path("Policies").path("PasswordPolicy");
        assertThat(password.path("MinimumLength").asInt()).isGreaterThanOrEqualTo(12);
        for (String rule : List.of("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols")) {
            assertThat(password.path(rule).asBoolean()).as(rule).isTrue();
        }
        // No merchant to invite unless one is named.
        TEMPLATE.resourceCountIs("AWS::Cognito::UserPoolUser", 0);
    }

    @Test
    void theDashboardsClient_hasNoSecret_andSignsInWithTheCodeFlowBackToTheDashboard() {
        JsonNode client = single("AWS::Cognito::UserPoolClient").path("Properties");
        assertThat(client.path("GenerateSecret").asBoolean(false)).isFalse();
        assertThat(texts(client.path("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(client.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
        String callback = client.path("CallbackURLs").toString();
        assertThat(callback).contains("https://").contains("EdgeDistribution").contains("/dashboard/");
        assertThat(texts(client.path("AllowedOAuthScopes"))).contains("openid");
    }

    @Test
    void theMerchantFunction_knowsThePool_readsTheClientFromItsParameter_andHasTheKeyFromTheSecret() {
        JsonNode variables = SynthesizedDrop.onlyResource(RESOURCES, "AWS::Lambda::Function", "MerchantFunction[0-9A-F]{8}")
                .path("Properties").path("Environment").path("Variables");
        assertThat(variables.path("MICRODROP_MERCHANT_COGNITO_USER_POOL_ID").path("Ref").asText())
                .startsWith("MerchantSignInUserPool");
        assertThat(variables.path("MICRODROP_MERCHANT_COGNITO_CLIENT_ID_PARAMETER").asText())
                .isEqualTo("/microdrop-neon-runners/merchant-sign-in-client-id");
        assertThat(variables.path("MICRODROP_MERCHANT_ID").asText()).isEqualTo("merchant");
        assertThat(variables.path("MICRODROP_MERCHANT_KEYS").toString()).contains("merchant=")
                .contains("{{resolve:secretsmanager:microdrop/neon-runners:SecretString:merchantKey");
        assertThat(variables.has("MICRODROP_MERCHANT_IAM_ID")).isFalse();

        JsonNode parameter = single("AWS::SSM::Parameter").path("Properties");
        assertThat(parameter.path("Name").asText()).isEqualTo("/microdrop-neon-runners/merchant-sign-in-client-id");
        assertThat(parameter.path("Value").path("Ref").asText()).startsWith("MerchantSignInUserPoolDashboardClient");
        String grants = SynthesizedDrop.onlyResource(RESOURCES, "AWS::IAM::Policy", "MerchantRoleDefaultPolicy[0-9A-F]{8}")
                .toString();
        assertThat(grants).contains("ssm:GetParameter").contains(":parameter/").contains("/merchant-sign-in-client-id");
    }

    @Test
    void merchantEmail_fromTheContext_invitesThatMerchant_andANonAddressIsRefused() {
        Template invited = Template.fromStack(SynthesizedDrop.stack(Map.of("merchantEmail", "owner@example.com")));
        invited.hasResourceProperties("AWS::Cognito::UserPoolUser", Map.of("Username", "owner@example.com",
                "DesiredDeliveryMediums", List.of("EMAIL")));

        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("merchantEmail", "owner")))
                .hasMessageContaining("merchantEmail owner is not one e-mail address");
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("signInDomainPrefix", "my-cognito-shop")))
                .hasMessageContaining("is not a Cognito domain prefix");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode distribution() {
        return single("AWS::CloudFront::Distribution").path("Properties");
    }

    private static Map<String, JsonNode> behaviours() {
        Map<String, JsonNode> behaviours = new TreeMap<>();
        distribution().path("DistributionConfig").path("CacheBehaviors")
                .forEach(behaviour -> behaviours.put(behaviour.path("PathPattern").asText(), behaviour));
        return behaviours;
    }

    private static Map<String, JsonNode> origins() {
        Map<String, JsonNode> origins = new TreeMap<>();
        distribution().path("DistributionConfig").path("Origins").forEach(origin -> origins.put(origin.path("Id").asText(), origin));
        return origins;
    }

    private static JsonNode single(String type) {
        Map<String, Map<String, Object>> found = TEMPLATE.findResources(type);
        assertThat(found).as(type).hasSize(1);
        return JSON.valueToTree(found.values().iterator().next());
    }
}
