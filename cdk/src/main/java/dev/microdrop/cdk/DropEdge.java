package dev.microdrop.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The drop's one origin for browsers: a CloudFront distribution that serves the pages ({@code web/dist}: the
 * storefront at {@code /}, the merchant dashboard at {@code /dashboard/}) from a private S3 bucket through origin
 * access control, and routes the API's own paths, unchanged, to the functions' URLs. Pages and API share the origin,
 * so the pages need no CORS and no API address ({@code config.json}'s {@code apiBase} is empty).
 *
 * <p>Only the catalog is cached, by its own Cache-Control; the checkout, orders, webhooks and merchant paths never
 * are, and get every viewer header but Host (Authorization, Idempotency-Key, Stripe-Signature).
 */
public final class DropEdge extends Construct {

    /** The API's paths by the function that answers them (the paths are the functions' own, not rewritten). */
    static final Map<String, List<String>> API_PATHS = apiPaths();

    /**
     * CloudFront's cap on what it keeps of a catalog answer; the function says 2 s, with 30 s stale-while-revalidate.
     * The directory feed says s-maxage=300 and shares this policy, so the edge keeps it a minute at most.
     */
    static final Duration CATALOG_MAX_TTL = Duration.seconds(60);

    /** Appends index.html to a directory's URI, so /dashboard/ is dashboard/index.html (S3 through OAC has no index). */
    static final String INDEX_FUNCTION = """
            function handler(event) {
              var request = event.request;
              if (request.uri.endsWith('/')) {
                request.uri += 'index.html';
              }
              return request;
            }
            """;

    private final Bucket bucket;
    private final Bucket logBucket;
    private final Distribution distribution;
    private final Optional<Path> web;
    private BucketDeployment deployment;

    /**
     * @param urls each browser-facing function's URL, by function name (Catalog, Checkout, PaymentsWebhook, Merchant)
     * @param web  the built pages ({@code web/dist}), if there are any at synth time
     */
    public DropEdge(Construct scope, String id, String dropId, Map<String, FunctionUrl> urls, Optional<Path> web) {
        this(scope, id, dropId, urls, web, Optional.empty());
    }

    /**
     * With a shop ({@code shop}): {@code /shop/*} goes to the shop's API, whose host the shop's stack keeps in an SSM
     * parameter ({@link ShopStack#apiDomainParameter}), so the pages the drop serves (sign-up, unsubscribe, survey,
     * privacy) reach the shop on the drop's own origin.
     */
    public DropEdge(Construct scope, String id, String dropId, Map<String, FunctionUrl> urls, Optional<Path> web,
            Optional<String> shop) {
        super(scope, id);
        this.web = web;
        // CloudFront's standard logs need a bucket with ACLs (the log delivery account writes by ACL); the pages'
        // bucket logs its requests there too. 90 days covers a drop and its disputes.
        logBucket = Bucket.Builder.create(this, "LogBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .build();
        // Private: no public access, no website hosting; CloudFront reads it through origin access control.
        bucket = Bucket.Builder.create(this, "WebBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .serverAccessLogsBucket(logBucket)
                .serverAccessLogsPrefix("web-bucket/")
                .build();

        Map<String, BehaviorOptions> behaviours = new LinkedHashMap<>();
        BehaviorOptions catalog = catalogBehaviour(urls.get("Catalog"));
        API_PATHS.get("Catalog").forEach(path -> behaviours.put(path, catalog));
        for (String function : List.of("Checkout", "PaymentsWebhook", "Merchant")) {
            BehaviorOptions uncached = uncachedBehaviour(FunctionUrlOrigin.Builder.create(urls.get(function)).build());
            API_PATHS.get(function).forEach(path -> behaviours.put(path, uncached));
        }
        shop.ifPresent(name -> behaviours.put(SHOP_PATH, uncachedBehaviour(HttpOrigin.Builder.create(
                StringParameter.valueForStringParameter(this, ShopStack.apiDomainParameter(name)))
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY).build())));

        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("microdrop drop " + dropId + ": pages and API")
                .priceClass(PriceClass.PRICE_CLASS_100)
                .defaultRootObject("index.html")
                .enableLogging(true)
                .logBucket(logBucket)
                .logFilePrefix("cloudfront/")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(pageHeaders())
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .function(software.amazon.awscdk.services.cloudfront.Function.Builder.create(this, "IndexFunction")
                                        .comment("Serves index.html for a URI ending in /")
                                        .runtime(FunctionRuntime.JS_2_0)
                                        .code(FunctionCode.fromInline(INDEX_FUNCTION))
                                        .build())
                                .build()))
                        .build())
                .additionalBehaviors(behaviours)
                .build();
    }

    /**
     * Deploys the pages (when there are any) and {@code config.json}, the settings they read at runtime, then
     * invalidates the distribution's cache so the new pages and settings are served at once. Without built pages
     * only config.json is deployed: the bucket and distribution exist, and a later deploy with {@code -c web=...}
     * fills them.
     */
    public BucketDeployment deploy(Map<String, Object> config) {
        List<ISource> sources = new ArrayList<>();
        web.ifPresent(directory -> sources.add(Source.asset(directory.toString())));
        sources.add(Source.jsonData("config.json", config));
        deployment = BucketDeployment.Builder.create(this, "Pages")
                .sources(sources)
                .destinationBucket(bucket)
                .distribution(distribution)
                .distributionPaths(List.of("/*"))
                .build();
        return deployment;
    }

    /** What a drop of a shop sends to the shop's API. */
    static final String SHOP_PATH = "/shop/*";

    private static Map<String, List<String>> apiPaths() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        // /directory* takes the directory feed's three paths (and what is under /directory/, which the catalog 404s).
        paths.put("Catalog", List.of("/drops", "/drops/*", "/directory*"));
        paths.put("Checkout", List.of("/checkout", "/waitlist", "/preorders", "/orders/*"));
        paths.put("PaymentsWebhook", List.of("/webhooks/*"));
        paths.put("Merchant", List.of("/merchant/*"));
        return Map.copyOf(paths);
    }

    /**
     * The catalog's cache follows the function's Cache-Control ({@code max-age=2, s-maxage=2,
     * stale-while-revalidate=30}): minimum TTL 0, default 0 so an answer without Cache-Control (a problem) is not
     * kept, at most a minute. The viewer's Origin is part of the key, because the function URL's CORS answer for
     * another storefront origin differs by it; the catalog reads no query string. Every viewer header but Host
     * reaches the function; CloudFront revalidates with the cached ETag, so If-None-Match gets 304.
     */
    private BehaviorOptions catalogBehaviour(FunctionUrl url) {
        CachePolicy cachePolicy = CachePolicy.Builder.create(this, "CatalogCachePolicy")
                .comment("Honours the catalog's Cache-Control (max-age, s-maxage, stale-while-revalidate) and ETag")
                .minTtl(Duration.seconds(0))
                .defaultTtl(Duration.seconds(0))
                .maxTtl(CATALOG_MAX_TTL)
                .headerBehavior(CacheHeaderBehavior.allowList("Origin"))
                .queryStringBehavior(CacheQueryStringBehavior.none())
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
        return BehaviorOptions.builder()
                .origin(FunctionUrlOrigin.Builder.create(url).build())
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                .cachePolicy(cachePolicy)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .build();
    }

    /** Never cached; every method; every viewer header but Host (the function URL must see its own host). */
    private static BehaviorOptions uncachedBehaviour(IOrigin origin) {
        return BehaviorOptions.builder()
                .origin(origin)
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .build();
    }

    /**
     * The pages' security headers: HSTS for two years, no MIME sniffing, no framing (clickjacking on the dashboard),
     * the origin only as referrer elsewhere, and a CSP that forbids plugins, framing and a moved base URI. Scripts and
     * connections are not narrowed here: the storefront loads Stripe's payment element and the dashboard calls the
     * Cognito domain, which the pages' own CSP meta tags can name precisely.
     */
    private ResponseHeadersPolicy pageHeaders() {
        return ResponseHeadersPolicy.Builder.create(this, "PageHeaders")
                .comment("Security headers of the drop's pages")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(730)).includeSubdomains(true).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN).override(true).build())
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy("object-src 'none'; frame-ancestors 'none'; base-uri 'self'")
                                .override(true).build())
                        .build())
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket logBucket() {
        return logBucket;
    }

    public Distribution distribution() {
        return distribution;
    }

    public Optional<BucketDeployment> deployment() {
        return Optional.ofNullable(deployment);
    }

    /** {@code https://<distribution domain>/}: the drop's pages, and its API under the same origin. */
    public String url() {
        return "https://" + distribution.getDistributionDomainName() + "/";
    }
}
