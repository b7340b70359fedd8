package dev.microdrop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.fulfilment.FulfilmentApplication;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.outbox.OutboxRelay;
import dev.microdrop.infrastructure.outbox.SqsHoldExpiryQueue;
import dev.microdrop.local.eventbridge.EventRuleFiles;
import dev.microdrop.local.eventbridge.LocalEventBridge;
import dev.microdrop.local.http.FunctionUrlCors;
import dev.microdrop.local.http.LocalHttpServer;
import dev.microdrop.local.http.Problem;
import dev.microdrop.local.http.StaticPages;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.local.payments.LocalStripe;
import dev.microdrop.local.sqs.LocalSqsConsumer;
import dev.microdrop.local.mail.LocalMail;
import dev.microdrop.notifications.NotificationsApplication;
import dev.microdrop.shop.ShopApplication;
import dev.microdrop.local.stream.LocalStreamPoller;
import dev.microdrop.merchant.MerchantApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import dev.microdrop.local.scheduler.LocalScheduler;
import dev.microdrop.payments.PaymentsApplication;
import dev.microdrop.waitlistclaims.WaitlistClaimsApplication;
import dev.microdrop.waves.WaveFired;
import dev.microdrop.waves.WavesApplication;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.microdrop.catalog.CatalogApplication;
import dev.microdrop.checkout.CheckoutApplication;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.core.manifest.Storefront;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.ShardSummaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Every microdrop function behind one HTTP server on localhost, on DynamoDB Local, seeded with a sample drop.
 *
 * <p>DynamoDB Local runs in this process as an HTTP server on a loopback port, and the functions reach it the
 * way they reach AWS or LocalStack: through the SDK's standard endpoint setting ({@code aws.endpointUrlDynamoDb}),
 * with the real SDK client their Spring context builds. Nothing here is specific to running locally but the
 * endpoint, the region and dummy credentials.
 */
public final class LocalRuntime implements AutoCloseable {

    static final String TABLE = "microdrop-local";

    /** The custom bus the functions publish to, as the per-drop stack will name it. */
    static final String EVENT_BUS = "microdrop";

    private final Options options;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<AutoCloseable> services = new ArrayList<>();
    private DynamoDBProxyServer dynamoDbLocal;
    private LocalHttpServer http;
    private LocalStripe stripe;
    private String webhookSecret;
    private String merchantKey;
    private LocalScheduler scheduler;
    private LocalMail mail;
    private Clock clock = Clock.systemUTC();

    static final String WAVES_FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:waves";
    static final String WAVES_ROLE_ARN = "arn:aws:iam::000000000000:role/microdrop-wave-scheduler";

    /** The merchant the local runtime's drops belong to. */
    static final String LOCAL_MERCHANT = "local";
    private Drop sample;
    private boolean seeded;
    /** The shop's next drop once published, and when it is to be (null: none, or published in an earlier run). */
    private volatile Drop next;
    private Instant nextAt;
    /** The played manifest's {@code storefront.origins}: none for a drop without, or a JSON fixture. */
    private List<String> storefrontOrigins = List.of();

    LocalRuntime(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("microdrop local: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        LocalRuntime runtime = new LocalRuntime(options);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "microdrop-shutdown"));
        try {
            runtime.start();
        } catch (IllegalArgumentException badDrop) {
            System.err.println("microdrop local: " + badDrop.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(runtime.banner());
        Thread.currentThread().join();
    }

    LocalRuntime start() throws Exception {
        int dynamoPort = options.external() ? 0 : startDynamoDbLocal();
        if (!options.external()) {
            // The SDK's standard settings: the same code reaches AWS, LocalStack or this DynamoDB Local.
            System.setProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:" + dynamoPort);
            setIfAbsent("aws.accessKeyId", "AWS_ACCESS_KEY_ID", "local");
            setIfAbsent("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY", "local");
        }
        setIfAbsent("aws.region", "AWS_REGION", "us-east-1");
        if (System.getenv("MICRODROP_TABLE") == null) {
            System.setProperty("microdrop.table", TABLE);
        }
        setIfAbsent("microdrop.buyer-id-key", "MICRODROP_BUYER_ID_KEY", "microdrop-local-development-key");
        setIfAbsent("microdrop.shop.link-key", "MICRODROP_SHOP_LINK_KEY", "microdrop-local-development-link-key");

        // SQS is ElasticMQ, a real SQS endpoint; EventBridge is our loopback bus routing with event-ruler; Stripe
        // is LocalStripe. The functions reach all three through the SDK's standard endpoint settings.
        SQSRestServer elasticMq = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        services.add(elasticMq::stopAndWait);
        System.setProperty("aws.endpointUrlSqs", "http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        SqsClient sqs = AwsClientFactory.fromEnvironment().client(SqsClient.builder());
        services.add(sqs);
        LocalEventBridge bus = new LocalEventBridge(sqs).start(0);
        services.add(bus);
        System.setProperty("aws.endpointUrlEventBridge", bus.endpoint().toString());
        EventBridgeClient eventBridge = AwsClientFactory.fromEnvironment().client(EventBridgeClient.builder());
        services.add(eventBridge);

        // EventBridge Scheduler: our loopback endpoint, firing the same wave schedules the stack deploys, on a
        // clock that may run faster; every function gets that clock too.
        scheduler = new LocalScheduler(Clock.systemUTC(), options.timeScale(), sqs).start(0);
        services.add(scheduler);
        System.setProperty("aws.endpointUrlScheduler", scheduler.endpoint().toString());
        clock = scheduler.simulatedClock();

        String fulfilmentQueue = queueWithDeadLetters(sqs, "microdrop-fulfilment", 3);
        String waitlistQueue = queueWithDeadLetters(sqs, "microdrop-waitlist", 3);
        queueWithDeadLetters(sqs, "microdrop-wave-firings", 3);
        // Where publishing (here, or through the merchant API) points each wave's schedule.
        System.setProperty("microdrop.waves.function-arn", WAVES_FUNCTION_ARN);
        System.setProperty("microdrop.waves.role-arn", WAVES_ROLE_ARN);
        System.setProperty("microdrop.waves.dlq-arn", sqs.getQueueAttributes(r -> r.queueUrl(
                sqs.getQueueUrl(q -> q.queueName("microdrop-wave-firings-dlq")).queueUrl())
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn"));
        String expiryQueue = queueWithDeadLetters(sqs, "microdrop-hold-expiry", 5);
        // Mail: GreenMail as the SMTP server the notifications function sends to; /mail/ shows what it received.
        String notificationsQueue = queueWithDeadLetters(sqs, "microdrop-notifications", 5);
        String storefrontUrl = "http://localhost:" + (options.port() == 0 ? 8080 : options.port()) + "/";
        mail = LocalMail.start(storefrontUrl);
        // The shop's confirmation links open this runtime's /subscribe/ page; it sends through GreenMail too.
        setIfAbsent("microdrop.shop.storefront-url", "MICRODROP_SHOP_STOREFRONT_URL", storefrontUrl);
        services.add(mail);
        bus.createEventBus(EVENT_BUS);
        EventRuleFiles.install(bus, EVENT_BUS, EventRuleFiles.read(options.rulesDir()),
                Map.of("fulfilment-queue", queueArn(sqs, fulfilmentQueue), "waitlist-queue", queueArn(sqs, waitlistQueue),
                        "notifications-queue", queueArn(sqs, notificationsQueue)));
        // The shop's rule: on AWS it is on the shop's bus, which each drop's bus forwards its events to; here one bus
        // plays both, so the shop sees this runtime's drops' events directly.
        String shopEventsQueue = queueWithDeadLetters(sqs, "microdrop-shop-events", 5);
        // A publication's pages go back on the shop's own queue, as the shop's stack lets shopEvents do on AWS.
        System.setProperty("microdrop.shop.events-queue-url", shopEventsQueue);
        EventRuleFiles.install(bus, EVENT_BUS, EventRuleFiles.read(options.rulesDir().resolveSibling("shop-rules")),
                Map.of("shop-events-queue", queueArn(sqs, shopEventsQueue)));

        webhookSecret = System.getenv().getOrDefault("MICRODROP_WEBHOOK_SECRET", "whsec_local_" + UUID.randomUUID()
                .toString().replace("-", ""));
        // Signed on the runtime's clock, which the webhook's 5-minute tolerance is checked against.
        stripe = new LocalStripe(webhookSecret, clock).start();
        services.add(stripe);
        System.setProperty("microdrop.payments.stripe-api-base", stripe.apiBase());
        System.setProperty("microdrop.payments.stripe-secret-key", "sk_test_local");
        System.setProperty("microdrop.payments.webhook-secret", webhookSecret);
        System.setProperty("microdrop.payments.expiry-queue-url", expiryQueue);
        merchantKey = System.getenv().getOrDefault("MICRODROP_MERCHANT_KEY", "mk_local_" + UUID.randomUUID()
                .toString().replace("-", ""));
        System.setProperty("microdrop.merchant.keys", LOCAL_MERCHANT + "=" + merchantKey);

        // DynamoDB Local is already up (its address is set before any client is built); the functions' contexts next.
        ConfigurableApplicationContext catalog = context(CatalogApplication.class, "catalog");
        ConfigurableApplicationContext checkout = context(CheckoutApplication.class, "checkout");
        ConfigurableApplicationContext payments = context(PaymentsApplication.class, "webhook");
        ConfigurableApplicationContext fulfilment = context(FulfilmentApplication.class, "fulfilment");
        ConfigurableApplicationContext merchant = context(MerchantApplication.class, "merchant");
        ConfigurableApplicationContext wavesContext = context(WavesApplication.class, "waves");
        ConfigurableApplicationContext waitlistClaims = context(WaitlistClaimsApplication.class, "waitlistClaims");
        ConfigurableApplicationContext notifications = context(NotificationsApplication.class, "notifications");
        // A buyer's erasure also empties this mailbox of their mail (docs/audience.md: what "the mailbox" is here).
        BuyerErasure mailbox = mail.erasure(new BuyerIds(buyerIdKey()));
        ConfigurableApplicationContext shop = context(ShopApplication.class, "shop",
                ctx -> ctx.getBeanFactory().registerSingleton("localMailboxErasure", mailbox));

        if (!options.external()) {
            if (options.port() != 0) {
                // Tells ./microdrop reconcile where this runtime's table is while it runs (tests use port 0).
                Files.createDirectories(Reconcile.RUNTIME_FILE.getParent());
                Files.writeString(Reconcile.RUNTIME_FILE, "{\"dynamodbEndpoint\":\"http://127.0.0.1:" + dynamoPort
                        + "\",\"table\":\"" + table() + "\"}\n");
                services.add(() -> Files.deleteIfExists(Reconcile.RUNTIME_FILE));
            }
        }
        DynamoDbClient dynamoDb = catalog.getBean(DynamoDbClient.class);
        seed(dynamoDb);
        scheduleWaves(sqs, wavesContext);

        // What Lambda's event source mappings do on AWS: the table's stream into the outbox relay, the queues
        // into their functions.
        DynamoDbStreamsClient streams = options.external() ? DynamoDbStreamsClient.create()
                : DynamoDbStreamsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort)).build();
        services.add(streams);
        OutboxRelay relay = new OutboxRelay(new EventBridgePublisher(eventBridge, EVENT_BUS),
                new SqsHoldExpiryQueue(sqs, expiryQueue, clock, options.timeScale()),
                new ShardSummaries(dynamoDb, table()), clock);
        services.add(new LocalStreamPoller(dynamoDb, streams, table(), relay::relay, Duration.ofMillis(200)).start());
        services.add(new LocalSqsConsumer(sqs, fulfilmentQueue, sqsFunction(fulfilment, "fulfilment")).start());
        services.add(new LocalSqsConsumer(sqs, expiryQueue, sqsFunction(payments, "expireHolds")).start());
        services.add(new LocalSqsConsumer(sqs, waitlistQueue, sqsFunction(waitlistClaims, "waitlistClaims")).start());
        services.add(new LocalSqsConsumer(sqs, notificationsQueue, sqsFunction(notifications, "notifications")).start());
        services.add(new LocalSqsConsumer(sqs, shopEventsQueue, sqsFunction(shop, "shopEvents")).start());

        http = LocalHttpServer.bind(options.port());
        // Browsers may call the catalog and the checkout from the drop's storefront, as on AWS, and from pages this
        // runtime serves; the webhook (Stripe is not a browser), the merchant API (IAM-signed on AWS) and the
        // simulator grant no origin.
        List<String> origins = new ArrayList<>(storefrontOrigins);
        origins.addAll(http.origins());
        FunctionUrlCors checkoutCors = FunctionUrlCors.checkout(origins);
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checkoutFunction = function(checkout, "checkout");
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> catalogFunction = function(catalog, "catalog");
        FunctionUrlCors catalogCors = FunctionUrlCors.catalog(origins);
        // The directory feed: "/directory" takes itself and what is under it; its two siblings are other paths.
        http.route("/drops", catalogFunction, catalogCors)
                .route("/directory", catalogFunction, catalogCors)
                .route("/directory.jsonld", catalogFunction, catalogCors)
                .route("/directory.ics", catalogFunction, catalogCors)
                .route("/checkout", checkoutFunction, checkoutCors)
                .route("/waitlist", checkoutFunction, checkoutCors)
                .route("/preorders", checkoutFunction, checkoutCors)
                .route("/orders/", checkoutFunction, checkoutCors)
                // The shop's audience: sign-up and confirmation from the storefront's pages, as the checkout's.
                .route("/shop/", function(shop, "shop"), checkoutCors)
                .route("/webhooks/payments", function(payments, "webhook"))
                .route("/merchant/", function(merchant, "merchant"))
                .route("/simulator/payments/", this::simulate)
                .route("/mail/", mail::page)
                .route("/", pages())
                .start();
        stripe.deliverWebhooksTo(URI.create("http://127.0.0.1:" + port() + "/webhooks/payments"));
        scheduleNextDrop(dynamoDb);
        return this;
    }

    /**
     * {@code POST /simulator/payments/{intentId}/{succeed|fail|cancel|refund|dispute}}: what the buyer does at
     * Stripe, delivered to the webhook as Stripe would (signed). Local only; no such route exists on AWS.
     */
    private APIGatewayV2HTTPResponse simulate(APIGatewayV2HTTPEvent event) {
        String[] parts = event.getRawPath().substring("/simulator/payments/".length()).split("/");
        if (!event.getRequestContext().getHttp().getMethod().equals("POST") || parts.length != 2
                || !List.of("succeed", "fail", "cancel", "refund", "dispute").contains(parts[1])) {
            return Problem.of(ProblemType.NOT_FOUND,
                    "POST /simulator/payments/{intentId}/{succeed|fail|cancel|refund|dispute}");
        }
        try {
            Optional<LocalStripe.SimulatedDelivery> delivery = stripe.simulate(parts[0], parts[1]);
            if (delivery.isEmpty()) {
                return Problem.of(ProblemType.NOT_FOUND, "No payment intent " + parts[0]);
            }
            LocalStripe.SimulatedDelivery d = delivery.get();
            return json(200, "{\"event\":\"" + d.type() + "\",\"eventId\":\"" + d.eventId()
                    + "\",\"webhookStatus\":" + d.status() + ",\"webhookAnswer\":" + d.answer() + "}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The drop to play: a YAML manifest (drops/*.yaml), its timeline moved so that the first sale (early access,
     * if any) starts now, or with {@code --opens-now} (the default drop's way) so that the public sale opens now,
     * or left on its own dates with {@code --keep-dates}; or a JSON test fixture with times relative to now.
     */
    private Drop readDrop(Instant now) throws IOException {
        String name = options.dropFile().getFileName().toString();
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return DropFile.read(options.dropFile(), now);
        }
        DropManifest manifest = manifest(options.dropFile());
        storefrontOrigins = manifest.storefront().map(Storefront::origins).orElse(List.of());
        Drop drop = manifest.toDrop();
        if (options.keepDates()) {
            return drop;
        }
        return drop.shiftedBy(Duration.between(options.opensNow() ? drop.opensAt() : drop.firstSaleAt(), now));
    }

    private static DropManifest manifest(Path file) throws IOException {
        ManifestResult result = YamlManifests.parse(Files.readString(file), file.toString());
        if (result instanceof ManifestResult.Invalid invalid) {
            throw new IllegalArgumentException("the drop manifest " + file + " is not valid:\n" + invalid.report());
        }
        return ((ManifestResult.Parsed) result).manifest();
    }

    /** How long after its publication the next drop's early access begins: long enough to mail its news first. */
    static final Duration NEXT_EARLY_ACCESS_LEAD = Duration.ofMinutes(2);

    /**
     * The shop's next drop ({@code --next-drop}), published {@code --next-in} after the start as the merchant would
     * publish it (claimed, written with its {@code DropPublished} event, its waves scheduled), its timeline moved so
     * its early access begins {@link #NEXT_EARLY_ACCESS_LEAD} later. The event reaches the shop, which mails the passes
     * and the news. Published in an earlier run (kept data): nothing to do.
     */
    private void scheduleNextDrop(DynamoDbClient dynamoDb) throws IOException {
        if (options.nextDrop() == null) {
            return;
        }
        Drop manifest = manifest(options.nextDrop()).toDrop();
        Optional<Drop> stored = new DynamoDbDropReader(dynamoDb, table(), Clock.systemUTC()).read(manifest.dropId())
                .map(s -> s.drop());
        if (stored.isPresent()) {
            next = stored.get();
            return;
        }
        nextAt = clock.instant().plus(options.nextIn());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "microdrop-next-drop");
            thread.setDaemon(true);
            return thread;
        });
        services.add(timer::shutdownNow);
        timer.schedule(() -> publishNext(dynamoDb, manifest),
                (long) (options.nextIn().toMillis() / options.timeScale()), TimeUnit.MILLISECONDS);
    }

    private void publishNext(DynamoDbClient dynamoDb, Drop manifest) {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Drop drop = manifest.shiftedBy(Duration.between(manifest.firstSaleAt(), now.plus(NEXT_EARLY_ACCESS_LEAD)));
            new DynamoDbMerchantViews(dynamoDb, table()).claim(drop.dropId(), LOCAL_MERCHANT);
            if (new DynamoDbDropPublisher(dynamoDb, table()).publish(drop, now)
                    instanceof PublishResult.Refused refused) {
                System.err.println("microdrop local: the next drop was refused: " + refused.reasons());
                return;
            }
            try (SchedulerClient schedules = AwsClientFactory.fromEnvironment().client(SchedulerClient.builder())) {
                new SchedulerWaveSchedules(schedules, WAVES_FUNCTION_ARN, WAVES_ROLE_ARN,
                        System.getProperty("microdrop.waves.dlq-arn")).schedule(drop);
            }
            next = drop;
            System.out.println("next drop " + drop.dropId() + " published: early access from " + drop.firstSaleAt()
                    + ", open to everyone from " + drop.opensAt() + "; its passes and news are mailed now (/mail/)");
        } catch (RuntimeException e) {
            System.err.println("microdrop local: publishing the next drop failed: " + e);
        }
    }

    /** The next drop, once published (or kept from an earlier run); empty before. */
    Optional<Drop> nextDrop() {
        return Optional.ofNullable(next);
    }

    /**
     * What publishing a drop does on AWS: one one-time schedule per wave, targeting the waves function. Locally the
     * scheduler fires them on the (possibly scaled) clock; a wave already released (at seeding) fires harmlessly.
     */
    @SuppressWarnings("unchecked")
    private void scheduleWaves(SqsClient sqs, ConfigurableApplicationContext wavesContext) {
        Function<WaveFired, Map<String, Object>> waves = wavesContext.getBean("waves", Function.class);
        ObjectMapper json = Json.mapper();
        scheduler.onLambda("waves", input -> {
            try {
                WaveFired fired = json.readValue(input, WaveFired.class);
                System.out.println("wave " + fired.wave() + " of " + fired.dropId() + ": " + waves.apply(fired));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not a wave firing: " + e.getMessage());
            }
        });
        try (SchedulerClient schedules = AwsClientFactory.fromEnvironment().client(SchedulerClient.builder())) {
            new SchedulerWaveSchedules(schedules, WAVES_FUNCTION_ARN, WAVES_ROLE_ARN,
                    System.getProperty("microdrop.waves.dlq-arn")).schedule(sample);
        }
    }

    /**
     * DynamoDB Local on a free loopback port, started before anything reads its address. A port found free can be
     * taken by another process before the server binds it (tests and builds run side by side): then another one.
     */
    private int startDynamoDbLocal() throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
            if (options.inMemory()) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(options.dataDir());
                args.addAll(List.of("-dbPath", options.dataDir().toString()));
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            try {
                server.start();
                dynamoDbLocal = server;
                return port;
            } catch (Exception e) {
                if (attempt == 3 || !(e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException)) {
                    throw e;
                }
                System.err.println("DynamoDB Local: port " + port + " was taken meanwhile; trying another");
            }
        }
    }

    private static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    /** A queue whose messages go to a dead-letter queue after {@code maxReceives} failed deliveries. */
    private static String queueWithDeadLetters(SqsClient sqs, String name, int maxReceives) {
        String dlq = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        return sqs.createQueue(r -> r.queueName(name).attributesWithStrings(Map.of(
                "VisibilityTimeout", "10",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}")))
                .queueUrl();
    }

    String merchantKey() {
        return merchantKey;
    }

    /** The buyer-id key the functions read: the environment's, or the development one this runtime set. */
    private static byte[] buyerIdKey() {
        String key = System.getenv("MICRODROP_BUYER_ID_KEY");
        return (key != null ? key : System.getProperty("microdrop.buyer-id-key")).getBytes(StandardCharsets.UTF_8);
    }

    LocalMail mail() {
        return mail;
    }

    int port() {
        return http.port();
    }

    Drop sample() {
        return sample;
    }

    private static String table() {
        String fromEnvironment = System.getenv("MICRODROP_TABLE");
        return fromEnvironment != null ? fromEnvironment : System.getProperty("microdrop.table", TABLE);
    }

    String banner() {
        String base = "http://localhost:" + port();
        String sku = sample.skus().getFirst().sku();
        return String.join("\n",
                "",
                servesPages() ? "storefront: " + base + "/" : "storefront: not built (web/build makes it; needs npm)",
                servesPages() ? "dashboard:  " + base + "/dashboard/  (merchant key below)" : "",
                "",
                "microdrop is running on " + base,
                options.external()
                        ? "  DynamoDB:       the SDK's standard settings (AWS_ENDPOINT_URL..., AWS_REGION), table " + table()
                        : "  DynamoDB Local: " + System.getProperty("aws.endpointUrlDynamoDb") + ", table " + table() + ", "
                                + (options.inMemory() ? "in memory (gone when you stop)" : "data in " + options.dataDir()),
                "  sample drop:    " + sample.dropId() + (seeded ? " (seeded now" : " (kept from an earlier run")
                        + ", open " + sample.opensAt() + " .. " + sample.closesAt() + ")",
                nextAt != null ? "  next drop:      " + options.nextDrop().getFileName() + ", published at " + nextAt
                        + " (its early-access passes go to the sample's buyers who subscribed)"
                        : next != null ? "  next drop:      " + next.dropId() + " (kept from an earlier run)" : "",
                "",
                "Try:",
                "  curl -s " + base + "/drops",
                "  curl -s " + base + "/drops/" + sample.dropId(),
                "  curl -s -X POST " + base + "/checkout \\",
                "       -H 'content-type: application/json' -H \"idempotency-key: $(cat /proc/sys/kernel/random/uuid)\" \\",
                "       -d '{\"dropId\":\"" + sample.dropId() + "\",\"lines\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":1}],\"buyer\":{\"email\":\"ada@example.com\"},\"fulfilment\":" + sampleFulfilment() + "}'",
                "",
                "Then, with payment.intentId, orderId and orderToken from that answer:",
                "  curl -s -X POST " + base + "/simulator/payments/<intentId>/succeed    # or fail, cancel, refund, dispute",
                "  curl -s " + base + "/orders/<orderId> -H 'authorization: Bearer <orderToken>'",
                "  (an unpaid hold is released when it expires: " + sample.holdDuration().toMinutes() + " min for this drop)",
                "",
                "Merchant API (Authorization: Bearer <merchant key>):",
                "  curl -s " + base + "/merchant/drops/" + sample.dropId() + "/kpis -H 'authorization: Bearer " + merchantKey + "'",
                "  (also /orders, /orders.csv, /reconcile, POST /waves/<n>/release, POST /insiders {\"emails\":[...]})",
                "  curl -s " + base + "/shop/kpis -H 'authorization: Bearer " + merchantKey + "'   # the shop's, across drops",
                "  merchant key: " + merchantKey + (System.getenv("MICRODROP_MERCHANT_KEY") == null
                        ? " (development; set MICRODROP_MERCHANT_KEY to choose)" : ""),
                "",
                "  sent mail:      " + base + "/mail/  (GreenMail SMTP on 127.0.0.1:" + mail.smtpPort() + ")",
                servesPages() ? "  mailing list:   " + base + "/subscribe/  (double opt-in: the confirmation mail arrives above)"
                        : "  mailing list:   POST " + base + "/shop/audience  (double opt-in: the confirmation mail arrives above)",
                servesPages() ? "  your data:      " + base + "/privacy/  (export or erasure, by a link mailed to the address)"
                        : "  your data:      POST " + base + "/shop/privacy  (export or erasure, by a link mailed to the address)",
                "",
                "  webhook signing secret: " + webhookSecret
                        + (System.getenv("MICRODROP_WEBHOOK_SECRET") == null ? " (development; set MICRODROP_WEBHOOK_SECRET to choose)" : ""),
                "",
                "Stop with Ctrl-C.");
    }

    /**
     * A fulfilment the sample checkout is accepted with: a pickup at the drop's first hub, in the first of its slots
     * that has not ended if it hands out orders in slots (a pickup without one is refused), or else a shipment.
     */
    private String sampleFulfilment() {
        if (sample.hubs().isEmpty()) {
            return "{\"type\":\"ship\",\"address\":{\"name\":\"Ada\",\"line1\":\"Main St 1\",\"city\":\"Berlin\","
                    + "\"postalCode\":\"10115\",\"country\":\"DE\"}}";
        }
        PickupHub hub = sample.hubs().getFirst();
        Optional<Slot> slot = hub.slots().stream().filter(s -> s.end().isAfter(clock.instant())).findFirst()
                .or(() -> hub.slots().stream().findFirst());
        return "{\"type\":\"pickup\",\"hubId\":\"" + hub.hubId() + "\""
                + slot.map(s -> ",\"slotId\":\"" + s.slotId() + "\"").orElse("") + "}";
    }

    private void seed(DynamoDbClient dynamoDb) throws IOException {
        DropTable.createIfMissing(dynamoDb, table());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Drop fromFile = readDrop(now);
        // After a restart the stored drop (its original opening time) is the truth, not the file's "now": a
        // relative sample would move its own opening on every start.
        Optional<Drop> stored = new DynamoDbDropReader(dynamoDb, table(), Clock.systemUTC()).read(fromFile.dropId())
                .map(s -> s.drop());
        seeded = stored.isEmpty()
                && new DynamoDbDropPublisher(dynamoDb, table()).publish(fromFile, now) instanceof PublishResult.Created;
        new DynamoDbMerchantViews(dynamoDb, table()).claim(fromFile.dropId(), LOCAL_MERCHANT);
        sample = stored.orElse(fromFile);
    }

    private ConfigurableApplicationContext context(Class<?> application, String definition) {
        return context(application, definition, ctx -> { });
    }

    private ConfigurableApplicationContext context(Class<?> application, String definition,
            ApplicationContextInitializer<ConfigurableApplicationContext> more) {
        Clock shared = clock;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("runtimeClock", shared), more)
                // Command-line arguments outrank application.properties. Locally, plain log lines read better
                // than the JSON the functions log on Lambda, and DynamoDB Local's own chatter is noise.
                .run("--spring.cloud.function.definition=" + definition,
                        "--logging.structured.format.console=",
                        "--logging.level.root=WARN",
                        "--logging.level.software.amazon.dynamodb=ERROR",
                        "--logging.level.org.eclipse.jetty=WARN",
                        // The mail templates are read by our renderer, not Spring's view layer: no templates/ to check.
                        "--spring.mustache.check-template-location=false");
        contexts.add(context);
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Function<SQSEvent, SQSBatchResponse> sqsFunction(ConfigurableApplicationContext context, String name) {
        return context.getBean(name, Function.class);
    }

    @SuppressWarnings("unchecked")
    private static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function(
            ConfigurableApplicationContext context, String name) {
        return context.getBean(name, Function.class);
    }

    /**
     * What "/" serves: the built storefront and dashboard (web/dist, as the drop's distribution serves them), with
     * the runtime's config.json; before web/ is built, a JSON index of the API.
     */
    private Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> pages() {
        return options.webDir().<Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>map(dir -> new StaticPages(dir,
                "{\"dropId\":\"" + sample.dropId() + "\",\"apiBase\":\"\",\"merchantSignIn\":{\"type\":\"key\"},"
                        + "\"paymentSimulator\":true}")).orElse(this::index);
    }

    boolean servesPages() {
        return options.webDir().isPresent();
    }

    private APIGatewayV2HTTPResponse index(APIGatewayV2HTTPEvent event) {
        return event.getRawPath().equals("/")
                ? json(200, "{\"catalog\":\"/drops\",\"drop\":\"/drops/" + sample.dropId() + "\",\"checkout\":\"POST /checkout\"}")
                : Problem.of(ProblemType.NOT_FOUND, "No function serves this path; try /drops or /checkout.");
    }

    private static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).build();
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + services.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        services.clear();
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
        if (dynamoDbLocal != null) {
            try {
                dynamoDbLocal.stop();
            } catch (Exception e) {
                System.err.println("DynamoDB Local did not stop cleanly: " + e);
            }
            dynamoDbLocal = null;
        }
    }

    private static void setIfAbsent(String property, String environment, String value) {
        if (System.getProperty(property) == null && System.getenv(environment) == null) {
            System.setProperty(property, value);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Options(int port, boolean inMemory, Path dataDir, Path dropFile, boolean external, boolean help,
                   double timeScale, boolean keepDates, boolean opensNow, Path nextDrop, Duration nextIn) {

        /** The drop that plays when none is named: the example manifest, open from the moment the runtime starts. */
        static final Path DEFAULT_DROP = Path.of("drops", "neon-runners.yaml");

        /** The shop's next drop with the example: published {@link #DEFAULT_NEXT_IN} after the start. */
        static final Path DEFAULT_NEXT_DROP = Path.of("drops", "neon-runners-night.yaml");

        /** When the next drop is published, on the runtime's clock: time to sign up and buy from the first. */
        static final Duration DEFAULT_NEXT_IN = Duration.ofMinutes(10);

        Options(int port, boolean inMemory, Path dataDir, Path dropFile, boolean external, boolean help,
                double timeScale, boolean keepDates, boolean opensNow) {
            this(port, inMemory, dataDir, dropFile, external, help, timeScale, keepDates, opensNow, null,
                    DEFAULT_NEXT_IN);
        }

        Options(int port, boolean inMemory, Path dataDir, Path dropFile, boolean external, boolean help,
                double timeScale, boolean keepDates) {
            this(port, inMemory, dataDir, dropFile, external, help, timeScale, keepDates, false);
        }

        Options(int port, boolean inMemory, Path dataDir, Path dropFile, boolean external, boolean help) {
            this(port, inMemory, dataDir, dropFile, external, help, 1, false);
        }

        /** The example drop (relative to {@code repositoryRoot}), opened now: what {@code ./microdrop local} plays. */
        static Options exampleDrop(Path repositoryRoot, Path dataDir, boolean inMemory) {
            return new Options(0, inMemory, dataDir, repositoryRoot.resolve(DEFAULT_DROP), false, false, 1, false,
                    true, repositoryRoot.resolve(DEFAULT_NEXT_DROP), DEFAULT_NEXT_IN);
        }

        /** The same, with the next drop published {@code nextIn} after the start on a clock {@code timeScale} faster. */
        Options withNextDrop(Duration in, double scale) {
            return new Options(port, inMemory, dataDir, dropFile, external, help, scale, keepDates, opensNow, nextDrop,
                    in);
        }

        /**
         * The built storefront and dashboard: {@code MICRODROP_WEB_DIR}, or the repository's {@code web/dist} once
         * {@code web/build} (run by {@code ./microdrop local}) has made it.
         */
        Optional<Path> webDir() {
            String chosen = System.getenv("MICRODROP_WEB_DIR");
            if (chosen != null && !chosen.isBlank()) {
                return Optional.of(Path.of(chosen)).filter(dir -> Files.isRegularFile(dir.resolve("index.html")));
            }
            return Optional.of(rulesDir().getParent().getParent().resolve("web").resolve("dist"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("index.html")));
        }

        /** The EventBridge rules the local bus installs (the same files the stack deploys): the repository's. */
        Path rulesDir() {
            for (Path start : List.of(dropFile.toAbsolutePath().getParent(), Path.of("").toAbsolutePath())) {
                for (Path dir = start; dir != null; dir = dir.getParent()) {
                    if (Files.isDirectory(dir.resolve("events").resolve("rules"))) {
                        return dir.resolve("events").resolve("rules");
                    }
                }
            }
            throw new IllegalStateException("no events/rules folder above " + dropFile.toAbsolutePath());
        }

        static final String USAGE = """
                usage: ./microdrop local [--port N] [--in-memory] [--data-dir DIR] [--drop FILE] [--time-scale N] [--external]
                                        [--next-drop FILE] [--next-in PT10M] [--no-next-drop]
                  --port N         HTTP port on localhost (default 8080; 0 picks a free one)
                  --in-memory      keep no state: DynamoDB Local in memory, gone when stopped
                  --data-dir DIR   where DynamoDB Local keeps the table (default .microdrop/data)
                  --drop FILE      the drop manifest to play (default drops/neon-runners.yaml, opened now)
                  --time-scale N   play the drop N times faster (60: a minute per second); waves fire on that clock
                  --keep-dates     play the manifest on its own dates (by default its first sale starts now)
                  --opens-now      move the timeline so the public sale opens now (early access already over)
                  --next-drop FILE the shop's next drop, published --next-in after the start with its early access
                                   2 minutes later: its passes are mailed to the first drop's subscribed buyers
                                   (default with the example drop: drops/neon-runners-night.yaml)
                  --next-in D      when, on the runtime's clock (ISO-8601, default PT10M)
                  --no-next-drop   play one drop only
                  --external       start no emulator: reach DynamoDB through the SDK's standard settings,
                                   e.g. AWS_ENDPOINT_URL=http://localhost:4566 for LocalStack
                                   (table: MICRODROP_TABLE, default microdrop-local)""";

        static Options parse(String[] args) {
            int port = 8080;
            boolean inMemory = false;
            Path dataDir = Path.of(".microdrop", "data");
            Path dropFile = null;
            boolean opensNow = false;
            boolean external = false;
            boolean help = false;
            double timeScale = 1;
            boolean keepDates = false;
            Path nextDrop = null;
            boolean noNextDrop = false;
            Duration nextIn = DEFAULT_NEXT_IN;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--next-drop" -> nextDrop = Path.of(value(args, ++i, "--next-drop"));
                    case "--no-next-drop" -> noNextDrop = true;
                    case "--next-in" -> nextIn = parseNextIn(value(args, ++i, "--next-in"));
                    case "--port" -> port = parsePort(value(args, ++i, "--port"));
                    case "--in-memory" -> inMemory = true;
                    case "--external" -> external = true;
                    case "--keep-dates" -> keepDates = true;
                    case "--opens-now" -> opensNow = true;
                    case "--time-scale" -> timeScale = parseScale(value(args, ++i, "--time-scale"));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--drop" -> dropFile = Path.of(value(args, ++i, "--drop"));
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (dropFile == null) {
                dropFile = DEFAULT_DROP;
                opensNow = !keepDates;
                if (nextDrop == null && !noNextDrop) {
                    nextDrop = DEFAULT_NEXT_DROP;
                }
            }
            if (noNextDrop) {
                nextDrop = null;
            }
            if (!help && nextDrop != null && !Files.isRegularFile(nextDrop)) {
                throw new IllegalArgumentException("no drop file at " + nextDrop);
            }
            if (keepDates && opensNow) {
                throw new IllegalArgumentException("--keep-dates and --opens-now exclude each other");
            }
            if (!help && !Files.isRegularFile(dropFile)) {
                throw new IllegalArgumentException("no drop file at " + dropFile);
            }
            if (external && inMemory) {
                throw new IllegalArgumentException("--in-memory and --external exclude each other");
            }
            return new Options(port, inMemory, dataDir, dropFile, external, help, timeScale, keepDates, opensNow,
                    nextDrop, nextIn);
        }

        private static Duration parseNextIn(String text) {
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("--next-in is not negative: " + text);
                }
                return duration;
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--next-in takes an ISO-8601 duration such as PT10M, not " + text);
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static double parseScale(String value) {
            try {
                double scale = Double.parseDouble(value);
                if (!(scale >= 1) || scale > 100_000) {
                    throw new IllegalArgumentException("--time-scale must be between 1 and 100000");
                }
                return scale;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--time-scale must be a number");
            }
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("--port must be 0..65535");
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number");
            }
        }
    }
}
