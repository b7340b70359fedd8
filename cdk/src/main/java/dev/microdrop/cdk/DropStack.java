package dev.microdrop.cdk;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.CfnArchive;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlCorsOptions;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.HttpMethod;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The stack of one drop, synthesized from its manifest: the table, the ten functions, their URLs, the drop's
 * CloudFront distribution (its pages and API on one origin, {@link DropEdge}), the merchant's sign-in
 * ({@link MerchantSignIn}), the event bus with its rules and archive, the wave schedules, the queues, alarms that
 * notify an encrypted SNS topic, and a dashboard. {@code template.yaml} declares the same functions for SAM (with the
 * same IAM actions and reserved concurrency); {@code SamTemplateCdkTest} keeps the two equal.
 *
 * <p><b>Secrets</b> come from one Secrets Manager secret per drop, {@code microdrop/<dropId>}, a JSON object with
 * {@code buyerIdKey}, {@code stripeSecretKey}, {@code webhookSecret} and {@code webhookPreviousSecret}, referenced
 * as CloudFormation dynamic references ({@code {{resolve:secretsmanager:...}}}). Secrets Manager rather than SSM
 * Parameter Store: CloudFormation resolves {@code ssm-secure} SecureStrings only in a few resource types, and a
 * Lambda function's environment is not one of them, whereas Secrets Manager references resolve in any property.
 * The template, {@code cdk.out} and CI logs hold only the reference; CloudFormation resolves it at deploy time,
 * and Lambda keeps the value encrypted at rest. CloudFormation resolves a reference only when the resource it is
 * in changes, so after updating the secret deploy with a new {@code secretsRevision} (context): it is part of each
 * function's description, which makes CloudFormation update every function, resolve the secret again and publish a
 * new SnapStart version.
 *
 * <p><b>A drop of a shop</b> ({@code -c shop=<shop>}, {@link ShopStack}): the buyer-id key is the shop's
 * ({@code microdrop-shop/<shop>}, {@code buyerIdKey}), the table is named {@code microdrop.<shop>.<dropId>}, and the
 * rule {@code forward-to-shop} puts the domain events the shop keeps on the shop's bus (docs/shop-stack.md).
 */
public class DropStack extends Stack {

    /** The index {@code DropTable} creates locally: a sparse index of a drop's orders, no e-mail or address. */
    static final String ORDERS_BY_DROP_INDEX = DropTable.ORDERS_BY_DROP_INDEX;
    static final List<String> ORDERS_BY_DROP_PROJECTION = DropTable.ORDERS_BY_DROP_PROJECTION;

    /** Lambda's advice for SQS sources: a visibility timeout of at least 6 x the function's timeout. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 6 * SnapStartFunction.TIMEOUT_SECONDS;

    /**
     * Hold expiries arrive in a burst one hold period after the opening storm; 10 consumers (100 messages in
     * flight) put the units back on sale within seconds without racing the checkout for the same items.
     */
    static final int HOLD_EXPIRY_MAX_CONCURRENCY = 10;
    /** Nothing waits on a pick ticket by the second: 5 consumers keep fulfilment's writes gentle during a storm. */
    static final int FULFILMENT_MAX_CONCURRENCY = 5;
    /**
     * Claims go out in the order buyers joined, so parallel consumers only race for the same waitlist head (and
     * retry); 2 is the least SQS allows.
     */
    static final int WAITLIST_MAX_CONCURRENCY = 2;
    /**
     * The notifications function sends at {@code MICRODROP_MAIL_RATE} per execution environment and is reserved one
     * environment ({@link ReservedConcurrency}); 2 is the least an SQS source allows, so a second batch polled while
     * the first is sent is throttled and comes back after the visibility timeout (docs/notifications.md).
     */
    static final int NOTIFICATIONS_MAX_CONCURRENCY = 2;
    /**
     * 3 minutes: above the function's timeout (and 6 x it, Lambda's advice) and above the mail's 2-minute send lease
     * ({@code MICRODROP_MAIL_LEASE}), so a message redelivered after a crash between claim and send finds the lease
     * expired and sends at once, instead of failing as in flight and spending a receive.
     */
    static final int NOTIFICATIONS_VISIBILITY_TIMEOUT_SECONDS = 180;
    /** 5 receives: throttled and rate-limited batches come back too, and 4 retries x 3 minutes outlast the lease. */
    static final int NOTIFICATIONS_MAX_RECEIVE_COUNT = 5;

    /** The shop's rule file whose pattern says what a drop of the shop forwards to the shop's bus. */
    static final String SHOP_DROP_EVENTS_RULE = "drop-events";
    static final String FORWARD_TO_SHOP_RULE = "forward-to-shop";

    static final List<String> TABLE_READ_ACTIONS = List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan");
    static final List<String> TABLE_READ_WRITE_ACTIONS = List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem",
            "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem");

    /** The function URL headers each browser-facing function needs (lower case, as the function URL compares them). */
    private static final List<String> CATALOG_HEADERS = List.of("if-none-match", "content-type");
    private static final List<String> CHECKOUT_HEADERS = List.of("content-type", "idempotency-key", "authorization");

    /**
     * @param manifest    a valid manifest with a storefront
     * @param code        each function module's artifact, by module name (catalog, checkout, ...)
     * @param rules       the directory of the rule files ({@code events/rules})
     * @param merchantId  the merchant IAM callers of the merchant API act as
     * @param secretsRevision changed after the drop's secret is updated, so the functions pick up the new values
     * @param reservedConcurrency each function's reserved concurrency (see {@link ReservedConcurrency})
     * @param alarmEmail  an address the alarm topic mails, if any (it must confirm the subscription)
     * @param web         the built pages ({@code web/dist}) to deploy, if there are any at synth time
     * @param merchantEmail the merchant to invite to the dashboard's sign-in, if known at synth time
     * @param signInDomainPrefix the sign-in pages' Cognito domain prefix, if not the generated one
     * @param mail        how the notifications function sends (the sender, SES configuration set, rate)
     * @param shop        the shop the drop belongs to, if any: its buyer-id key is the shop's, its table is named
     *                    for the shop, and its events are forwarded to the shop's bus ({@link ShopStack})
     */
    public record Props(DropManifest manifest, Function<String, Code> code, Path rules, String merchantId,
                        String secretsRevision, ReservedConcurrency reservedConcurrency, Optional<String> alarmEmail,
                        Optional<Path> web, Optional<String> merchantEmail, Optional<String> signInDomainPrefix,
                        MailSettings mail, Optional<String> shop, StackProps stackProps) {

        public Props {
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(secretsRevision, "secretsRevision");
            Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
            Objects.requireNonNull(web, "web");
            Objects.requireNonNull(merchantEmail, "merchantEmail");
            Objects.requireNonNull(signInDomainPrefix, "signInDomainPrefix");
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(shop, "shop");
            shop.ifPresent(ShopStack::requireShopName);
            requireOneAddress("alarmEmail", alarmEmail);
            requireOneAddress("merchantEmail", merchantEmail);
            signInDomainPrefix.ifPresent(prefix -> {
                if (!prefix.matches("[a-z0-9](-?[a-z0-9])*") || prefix.length() > 63 || prefix.matches(".*(aws|amazon|cognito).*")) {
                    throw new IllegalArgumentException("signInDomainPrefix " + prefix + " is not a Cognito domain prefix "
                            + "(lower-case letters, digits and single dashes, without aws, amazon or cognito)");
                }
            });
            if (manifest.storefront().isEmpty()) {
                throw new IllegalArgumentException("drop " + manifest.dropId() + " has no storefront.origins: the "
                        + "stack allows browser calls (CORS) from those origins only, so the manifest must name them");
            }
        }

        static void requireOneAddress(String name, Optional<String> email) {
            email.ifPresent(address -> {
                if (!address.matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")) {
                    throw new IllegalArgumentException(name + " " + address + " is not one e-mail address");
                }
            });
        }
    }

    private final Table table;
    private final EventBus bus;
    private final Map<String, SnapStartFunction> functions = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, FunctionUrl> urls = new LinkedHashMap<>();
    private final DropEdge edge;
    private final MerchantSignIn signIn;
    private final Role waveSchedulerRole;
    private final String secretsRevision;
    private final ReservedConcurrency reservedConcurrency;
    private final Topic alarmTopic;

    public DropStack(Construct scope, String id, Props props) {
        super(scope, id, props.stackProps());
        secretsRevision = props.secretsRevision();
        reservedConcurrency = props.reservedConcurrency();
        DropManifest manifest = props.manifest();
        String dropId = manifest.dropId();
        List<String> origins = manifest.storefront().orElseThrow().origins();

        table = createTable(props.shop().map(shop -> ShopStack.dropTableName(shop, dropId)));
        props.shop().ifPresent(shop -> Tags.of(table).add("microdrop:shop", shop));
        bus = EventBus.Builder.create(this, "EventBus").eventBusName(id).build();
        // Every event on the bus, kept for 30 days so it can be replayed.
        CfnArchive.Builder.create(this, "EventBusArchive")
                .sourceArn(bus.getEventBusArn())
                .description("Every microdrop event of drop " + dropId + ", for replay.")
                .retentionDays(30)
                .build();

        // Queues. Holds longer than SQS's 15-minute delay are sent on again, so no queue-level delay.
        Queue holdExpiry = sourceQueue("HoldExpiryQueue", "HoldExpiryDeadLetterQueue", 5);
        Queue fulfilment = sourceQueue("FulfilmentQueue", "FulfilmentDeadLetterQueue", 3);
        Queue waitlist = sourceQueue("WaitlistQueue", "WaitlistDeadLetterQueue", 3);
        Queue notifications = sourceQueue("NotificationsQueue", "NotificationsDeadLetterQueue",
                NOTIFICATIONS_MAX_RECEIVE_COUNT, NOTIFICATIONS_VISIBILITY_TIMEOUT_SECONDS);
        // Records of stream batches the relay gave up on; a wave firing whose retries are spent.
        Queue outboxDeadLetters = deadLetterQueue("OutboxRelayDeadLetterQueue");
        Queue waveDeadLetters = deadLetterQueue("WaveScheduleDeadLetterQueue");
        Map<String, Queue> ruleTargets = Map.of("fulfilment-queue", fulfilment, "waitlist-queue", waitlist,
                "notifications-queue", notifications);

        SecretFields secrets = new SecretFields("microdrop/" + dropId);
        // One buyer across the shop's drops: with a shop, the buyer-id key is the shop's, in the shop's secret.
        String buyerIdKey = props.shop().map(shop -> new SecretFields(ShopStack.secretName(shop)).field("buyerIdKey"))
                .orElseGet(() -> secrets.field("buyerIdKey"));
        Function<String, Code> code = props.code();

        // ---- the functions, as template.yaml declares them
        SnapStartFunction catalog = function("Catalog", code.apply("catalog"), "dev.microdrop.catalog.CatalogApplication",
                "catalog", Map.of());
        SnapStartFunction checkout = function("Checkout", code.apply("checkout"),
                "dev.microdrop.checkout.CheckoutApplication", "checkout", Map.of(
                        "MICRODROP_BUYER_ID_KEY", buyerIdKey,
                        // The checkout creates the order's payment intent; the context does not start without a key.
                        "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY", secrets.field("stripeSecretKey")));
        SnapStartFunction webhook = function("PaymentsWebhook", code.apply("payments"),
                "dev.microdrop.payments.PaymentsApplication", "webhook", Map.of(
                        "MICRODROP_PAYMENTS_WEBHOOK_SECRET", secrets.field("webhookSecret"),
                        "MICRODROP_PAYMENTS_WEBHOOK_PREVIOUS_SECRET", secrets.field("webhookPreviousSecret"),
                        "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY", secrets.field("stripeSecretKey"),
                        "MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL", holdExpiry.getQueueUrl()));
        // The same context as the webhook, so it needs what that context needs to start; it never verifies
        // webhooks, so the rotated-out secret is not passed.
        SnapStartFunction holdExpiryFn = function("HoldExpiry", code.apply("payments"),
                "dev.microdrop.payments.PaymentsApplication", "expireHolds", Map.of(
                        "MICRODROP_PAYMENTS_WEBHOOK_SECRET", secrets.field("webhookSecret"),
                        "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY", secrets.field("stripeSecretKey"),
                        "MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL", holdExpiry.getQueueUrl()));
        SnapStartFunction fulfilmentFn = function("Fulfilment", code.apply("fulfilment"),
                "dev.microdrop.fulfilment.FulfilmentApplication", "fulfilment", Map.of());
        SnapStartFunction waitlistClaims = function("WaitlistClaims", code.apply("waitlist-claims"),
                "dev.microdrop.waitlistclaims.WaitlistClaimsApplication", "waitlistClaims", Map.of());
        SnapStartFunction waves = function("Waves", code.apply("waves"), "dev.microdrop.waves.WavesApplication",
                "waves", Map.of());
        SnapStartFunction relay = function("OutboxRelay", code.apply("outbox"),
                "dev.microdrop.outbox.OutboxApplication", "relay", Map.of(
                        "MICRODROP_EVENT_BUS", bus.getEventBusName(),
                        "MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL", holdExpiry.getQueueUrl()));

        // The role the wave schedules assume: it may invoke the waves alias and write the schedules' DLQ, nothing else.
        waveSchedulerRole = Role.Builder.create(this, "WaveSchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", getAccount()))))
                .description("Assumed by drop " + dropId + "'s wave schedules to invoke the waves function")
                .build();
        waves.alias().grantInvoke(waveSchedulerRole);
        waveDeadLetters.grantSendMessages(waveSchedulerRole);

        String scheduleGroup = SchedulerWaveSchedules.groupName(dropId);
        // The merchant signs in with Cognito (the pool is made here, its app client after the distribution: see
        // MerchantSignIn); scripts and CI use the merchant key from the drop's secret.
        signIn = new MerchantSignIn(this, "MerchantSignIn", dropId, id, props.merchantEmail(), props.signInDomainPrefix());
        SnapStartFunction merchant = function("Merchant", code.apply("merchant"),
                "dev.microdrop.merchant.MerchantApplication", "merchant", Map.of(
                        "MICRODROP_MERCHANT_ID", props.merchantId(),
                        "MICRODROP_MERCHANT_KEYS", props.merchantId() + "=" + secrets.field("merchantKey"),
                        "MICRODROP_MERCHANT_COGNITO_USER_POOL_ID", signIn.pool().getUserPoolId(),
                        "MICRODROP_MERCHANT_COGNITO_CLIENT_ID_PARAMETER", MerchantSignIn.clientIdParameter(id),
                        "MICRODROP_BUYER_ID_KEY", buyerIdKey,
                        // Confirming a pre-order run creates balance intents; cancelling it refunds deposits.
                        "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY", secrets.field("stripeSecretKey"),
                        // Publishing a drop (re)schedules its waves: the same schedules this stack creates below.
                        "MICRODROP_WAVES_FUNCTION_ARN", waves.alias().getFunctionArn(),
                        "MICRODROP_WAVES_ROLE_ARN", waveSchedulerRole.getRoleArn(),
                        "MICRODROP_WAVES_DLQ_ARN", waveDeadLetters.getQueueArn()));

        // ---- least privilege: the catalog only reads; the writers get DynamoDB's item actions, never a wildcard.
        // template.yaml spells out the same statements; SamTemplateCdkTest compares them per function.
        grantTableItems(catalog, TABLE_READ_ACTIONS);
        grantTableItems(checkout, TABLE_READ_WRITE_ACTIONS);
        grantTableItems(webhook, TABLE_READ_WRITE_ACTIONS);
        holdExpiry.grantSendMessages(webhook.role());
        grantTableItems(holdExpiryFn, TABLE_READ_WRITE_ACTIONS);
        holdExpiry.grantSendMessages(holdExpiryFn.role());
        // Fulfilment reads orders and writes only its own FULFIL#<orderId> task items.
        grantTableItems(fulfilmentFn, TABLE_READ_ACTIONS);
        fulfilmentFn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:PutItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("FULFIL#*"))))
                .build());
        grantTableItems(waitlistClaims, TABLE_READ_WRITE_ACTIONS);
        grantTableItems(waves, TABLE_READ_WRITE_ACTIONS);
        grantTableItems(merchant, TABLE_READ_WRITE_ACTIONS);
        merchant.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("scheduler:CreateScheduleGroup", "scheduler:CreateSchedule", "scheduler:UpdateSchedule",
                        "scheduler:GetSchedule", "scheduler:ListSchedules", "scheduler:DeleteSchedule"))
                .resources(List.of(
                        arn("scheduler", "schedule-group/" + scheduleGroup),
                        arn("scheduler", "schedule/" + scheduleGroup + "/*")))
                .build());
        waveSchedulerRole.grantPassRole(merchant.role());
        // The sign-in client's id, which the merchant function reads on its first token; named, not referenced,
        // because the parameter is written after the function (MerchantSignIn).
        merchant.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ssm:GetParameter"))
                .resources(List.of(arn("ssm", "parameter/" + Aws.STACK_NAME + MerchantSignIn.CLIENT_ID_PARAMETER_SUFFIX)))
                .build());
        bus.grantPutEventsTo(relay.role());
        holdExpiry.grantSendMessages(relay.role());
        // The relay writes the stock-shard summaries on sharded SKU items (UpdateItem), and reads a SKU's shards
        // before it publishes a SoldOut or StockLow they add up to (BatchGetItem): the table, nothing else.
        relay.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:BatchGetItem", "dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .build());

        // ---- event sources, on the alias so they run the SnapStart version. Each queue consumer is bounded by
        // its source's maximum concurrency rather than a reservation: it caps how hard a backlog hits the table and
        // reserves nothing, so it cannot make a deploy fail on a small account (ReservedConcurrency).
        queueConsumer(holdExpiryFn, holdExpiry, HOLD_EXPIRY_MAX_CONCURRENCY);
        queueConsumer(fulfilmentFn, fulfilment, FULFILMENT_MAX_CONCURRENCY);
        queueConsumer(waitlistClaims, waitlist, WAITLIST_MAX_CONCURRENCY);
        // The relay names the first record not relayed; bisecting isolates a record that keeps failing.
        relay.alias().addEventSource(DynamoEventSource.Builder.create(table)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .bisectBatchOnError(true)
                .retryAttempts(10)
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(outboxDeadLetters))
                .build());

        // ---- function URLs, on the alias. Pages reach them through the drop's distribution (one origin, no CORS);
        // CORS stays for the storefronts the manifest names, which may live elsewhere.
        urls.put("Catalog", catalog.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE)
                .cors(FunctionUrlCorsOptions.builder().allowedOrigins(origins)
                        .allowedMethods(List.of(HttpMethod.GET)).allowedHeaders(CATALOG_HEADERS).build())
                .build()));
        // POST /checkout; GET /orders/{orderId} with Authorization: Bearer <orderToken>.
        urls.put("Checkout", checkout.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE)
                .cors(FunctionUrlCorsOptions.builder().allowedOrigins(origins)
                        .allowedMethods(List.of(HttpMethod.GET, HttpMethod.POST)).allowedHeaders(CHECKOUT_HEADERS).build())
                .build()));
        // Public, but every request's Stripe-Signature is verified before anything is written. No CORS: Stripe
        // is not a browser.
        urls.put("PaymentsWebhook", webhook.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build()));
        // Open, like the webhook: the function itself admits only the merchant's key or a verified sign-in token, and
        // a browser cannot sign requests with SigV4 (docs/edge.md). No CORS: the dashboard calls it on its own origin.
        urls.put("Merchant", merchant.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build()));

        edge = new DropEdge(this, "Edge", dropId, urls, props.web(), props.shop());
        signIn.dashboardClient(edge.url() + "dashboard/");
        Map<String, Object> pageConfig = new LinkedHashMap<>();
        pageConfig.put("dropId", dropId);
        pageConfig.put("apiBase", "");
        pageConfig.put("merchantSignIn", signIn.config());
        stripePublishableKey().ifPresent(key -> pageConfig.put("stripePublishableKey", key));
        edge.deploy(pageConfig);
        // After the distribution: the claim mail links to the drop's URL, and nothing of the edge refers back to it.
        notifications(code.apply("notifications"), notifications, buyerIdKey, props.mail(), props.shop());
        rules(RuleFiles.read(props.rules()), ruleTargets);
        props.shop().ifPresent(shop -> forwardToShop(dropId, shop, shopDropEvents(props.rules())));
        waveSchedules(manifest, scheduleGroup, waves, waveDeadLetters);
        alarmTopic = AlarmTopic.create(this, "drop " + dropId, props.alarmEmail());
        List<Alarm> alarms = alarms();
        dashboard(dropId, alarms);
        outputs();
        Nag.suppress(this);
    }

    // ---- the table

    private Table createTable(Optional<String> name) {
        // Single-table design (docs/data-model.md): every item is addressed by pk and sk; items meant to expire
        // carry expiresAt; the stream (new and old images) is the outbox's transport. A drop's orders and ledger
        // outlive the stack: the table is retained, and deletion protection stops an accidental delete. A drop of a
        // shop has the shop's name for its table, so the shop may erase a buyer in its drops' tables and no others.
        Table dropTable = singleTable(this, "DropTable")
                .tableName(name.orElse(null))
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .build();
        dropTable.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(ORDERS_BY_DROP_INDEX)
                .partitionKey(Attribute.builder().name("gsi1pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("gsi1sk").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(ORDERS_BY_DROP_PROJECTION)
                .build());
        return dropTable;
    }

    /**
     * The single-table design's table (pk/sk strings, on demand, PITR, TTL on {@code expiresAt}), kept when its stack
     * goes (retained, deletion protection): a drop's, and the shop's ({@link ShopStack}), which the same adapters read.
     */
    static Table.Builder singleTable(Construct scope, String id) {
        return Table.Builder.create(scope, id)
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute("expiresAt")
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
    }

    // ---- queues

    private Queue sourceQueue(String id, String deadLetterId, int maxReceiveCount) {
        return sourceQueue(id, deadLetterId, maxReceiveCount, VISIBILITY_TIMEOUT_SECONDS);
    }

    private Queue sourceQueue(String id, String deadLetterId, int maxReceiveCount, int visibilityTimeoutSeconds) {
        return Queues.sourceQueue(this, id, deadLetterQueue(deadLetterId), maxReceiveCount, visibilityTimeoutSeconds);
    }

    private Queue deadLetterQueue(String id) {
        Queue queue = Queues.deadLetterQueue(this, id);
        deadLetterQueues.put(id, queue);
        return queue;
    }

    private void queueConsumer(SnapStartFunction function, Queue queue, int maxConcurrency) {
        Queues.consumer(function, queue, maxConcurrency);
    }

    // ---- functions

    /**
     * The notifications function (docs/notifications.md): the queue the {@code notifications-mail} rule feeds, one
     * reserved environment so {@code MICRODROP_MAIL_RATE} is the deployment's rate, and only what its mail needs: it
     * reads orders and suppressions, claims, marks and withdraws its own {@code MAIL#<sendKey>} records, and sends
     * through SES as the {@code mailFrom} identity only. A drop of a shop sends through the shop's configuration set
     * (so SES's bounces and complaints of its receipts reach the shop) and reads the shop's suppressions too (the shop's
     * table, named by the SSM parameter the shop's stack writes).
     */
    private void notifications(Code code, Queue queue, String buyerIdKey, MailSettings given, Optional<String> shop) {
        if (shop.isPresent() && given.configurationSet().isPresent()) {
            throw new IllegalArgumentException("mailConfigurationSet " + given.configurationSet().get() + ": a drop of"
                    + " shop " + shop.get() + " sends through the shop's set, " + ShopStack.configurationSetName(
                    shop.get()) + ", so that its bounces and complaints reach the shop");
        }
        MailSettings mail = shop.map(name -> given.withConfigurationSet(ShopStack.configurationSetName(name)))
                .orElse(given);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MICRODROP_BUYER_ID_KEY", buyerIdKey);
        environment.put("MICRODROP_MAIL_FROM", mail.from());
        environment.put("MICRODROP_MAIL_STOREFRONT_URL", edge.url());
        // Blank for none, as template.yaml's parameter defaults to.
        environment.put("MICRODROP_MAIL_CONFIGURATION_SET", mail.configurationSet().orElse(""));
        environment.put("MICRODROP_MAIL_RATE", mail.rate());
        Optional<String> shopTable = shop.map(name -> StringParameter.valueForStringParameter(this,
                ShopStack.tableNameParameter(name)));
        shopTable.ifPresent(name -> environment.put("MICRODROP_MAIL_SHOP_TABLE", name));
        SnapStartFunction function = function("Notifications", code,
                "dev.microdrop.notifications.NotificationsApplication", "notifications", environment);
        shopTable.ifPresent(name -> function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of("arn:" + getPartition() + ":dynamodb:" + getRegion() + ":" + getAccount()
                        + ":table/" + name))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("SUPPRESSED#*"))))
                .build()));
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        List.of("ORDER#*", "SUPPRESSED#*"))))
                .build());
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:UpdateItem", "dynamodb:DeleteItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("MAIL#*"))))
                .build());
        function.role().addToPrincipalPolicy(mail.sendStatement(this, List.of("ses:SendEmail", "ses:SendRawEmail")));
        queueConsumer(function, queue, NOTIFICATIONS_MAX_CONCURRENCY);
    }

    private SnapStartFunction function(String name, Code code, String mainClass, String definition,
                                       Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("MICRODROP_TABLE", table.getTableName());
        variables.putAll(environment);
        SnapStartFunction function = new SnapStartFunction(this, name, code, mainClass, definition, variables,
                "microdrop " + name + " (" + definition + "), secrets revision " + secretsRevision,
                reservedConcurrency.of(name));
        functions.put(name, function);
        return function;
    }

    /**
     * The item actions on the table and its index: what CDK's {@code grantReadData} and {@code grantReadWriteData}
     * grant, less their stream actions (GetRecords, GetShardIterator), which mean nothing on a table's ARN; only the
     * outbox relay reads the stream, through its event source's own grant.
     */
    private void grantTableItems(SnapStartFunction function, List<String> actions) {
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/*"))
                .build());
    }

    private String arn(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    // ---- events

    private void rules(List<RuleFiles> ruleFiles, Map<String, Queue> targets) {
        for (RuleFiles file : ruleFiles) {
            Queue target = targets.get(file.target());
            if (target == null) {
                throw new IllegalArgumentException("events/rules/" + file.name() + ".json targets " + file.target()
                        + ", which the stack does not have (it has " + targets.keySet() + ")");
            }
            Queues.ruleTo(this, pascalCase(file.name()), file.name(), file.description(), bus.getEventBusName(),
                    file.eventPattern(), file.target(), target);
        }
    }

    /**
     * What the shop takes of its drops' events: the pattern of {@code events/shop-rules/drop-events.json}, beside the
     * drop's own rule files, so a drop forwards exactly what its shop's rule keeps.
     */
    static Map<String, Object> shopDropEvents(Path rules) {
        return RuleFiles.read(rules.resolveSibling("shop-rules")).stream()
                .filter(rule -> rule.name().equals(SHOP_DROP_EVENTS_RULE)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + SHOP_DROP_EVENTS_RULE + " rule in "
                        + rules.resolveSibling("shop-rules")))
                .eventPattern();
    }

    /**
     * The drop's events its shop keeps ({@code forwarded}), on to the shop's bus (named, since the shop's stack is
     * deployed first), through a role that may put events on that bus and nowhere else.
     */
    private void forwardToShop(String dropId, String shop, Map<String, Object> forwarded) {
        String shopBus = ShopStack.busArn(this, shop);
        Role role = Role.Builder.create(this, "ShopForwardingRole")
                .assumedBy(new ServicePrincipal("events.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", getAccount()))))
                .description("Assumed by drop " + dropId + "'s forwarding rule to put its events on its shop's bus")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("events:PutEvents"))
                .resources(List.of(shopBus))
                .build());
        CfnRule.Builder.create(this, "ForwardToShopRule")
                .name(FORWARD_TO_SHOP_RULE)
                .description("The domain events of drop " + dropId + " its shop keeps, forwarded to its shop's bus "
                        + ShopStack.busName(shop) + ".")
                .eventBusName(bus.getEventBusName())
                .eventPattern(forwarded)
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("shop-bus")
                        .arn(shopBus)
                        .roleArn(role.getRoleArn())
                        .build()))
                .build();
    }

    /**
     * One one-time schedule per wave, named as {@link SchedulerWaveSchedules} names them, so a later publish from the
     * merchant API updates these in place instead of adding others.
     */
    private void waveSchedules(DropManifest manifest, String group, SnapStartFunction waves, Queue deadLetters) {
        CfnScheduleGroup scheduleGroup = CfnScheduleGroup.Builder.create(this, "WaveScheduleGroup").name(group).build();
        Drop drop = manifest.toDrop();
        for (Wave wave : drop.wavePlan().waves()) {
            CfnSchedule schedule = CfnSchedule.Builder.create(this, "Wave" + wave.number() + "Schedule")
                    .groupName(group)
                    .name(SchedulerWaveSchedules.scheduleName(wave.number()))
                    .description("Releases wave " + wave.number() + " of drop " + manifest.dropId())
                    .scheduleExpression(SchedulerWaveSchedules.atExpression(drop.waveAt(wave.number())))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                    .state("ENABLED")
                    .target(CfnSchedule.TargetProperty.builder()
                            .arn(waves.alias().getFunctionArn())
                            .roleArn(waveSchedulerRole.getRoleArn())
                            .input(SchedulerWaveSchedules.input(manifest.dropId(), wave.number()))
                            .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                    .maximumRetryAttempts(SchedulerWaveSchedules.MAXIMUM_RETRY_ATTEMPTS)
                                    .maximumEventAgeInSeconds(SchedulerWaveSchedules.MAXIMUM_EVENT_AGE_SECONDS)
                                    .build())
                            .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                    .arn(deadLetters.getQueueArn()).build())
                            .build())
                    .build();
            schedule.getNode().addDependency(scheduleGroup);
        }
    }

    // ---- monitoring

    /**
     * Every alarm notifies the topic when it fires. Dead-letter alarms also say when they are back to OK (the queue
     * was drained or redriven: someone acted); error and throttle alarms do not, since with missing data not
     * breaching they return to OK a minute after every burst, which would only double the mail.
     */
    private List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        functions.values().forEach(function -> alarms.addAll(function.alarms()));
        // A dead letter is a message we failed to handle: any one is worth a look.
        deadLetterQueues.forEach((id, queue) -> alarms.add(Alarm.Builder.create(this, id + "DepthAlarm")
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(id + " holds messages that failed: inspect, fix, redrive")
                .build()));
        SnsAction notify = new SnsAction(alarmTopic);
        alarms.forEach(alarm -> {
            alarm.addAlarmAction(notify);
            if (alarm.getNode().getId().endsWith("DeadLetterQueueDepthAlarm")) {
                alarm.addOkAction(notify);
            }
        });
        return alarms;
    }

    private void dashboard(String dropId, List<Alarm> alarms) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("microdrop-" + dropId)
                .build();
        List<IMetric> invocations = new ArrayList<>();
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        MetricOptions perMinute = MetricOptions.builder().period(Duration.minutes(1)).build();
        functions.forEach((name, function) -> {
            invocations.add(function.function().metricInvocations(perMinute).with(label(name)));
            errors.add(function.function().metricErrors(perMinute).with(label(name)));
            durations.add(function.function().metricDuration(MetricOptions.builder()
                    .period(Duration.minutes(1)).statistic("p99").label(name).build()));
            throttles.add(function.function().metricThrottles(perMinute).with(label(name)));
        });
        List<IMetric> deadLetters = new ArrayList<>();
        deadLetterQueues.forEach((id, queue) -> deadLetters.add(queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").label(id).build())));
        dashboard.addWidgets(
                graph("Invocations", invocations), graph("Errors", errors),
                graph("Duration p99 (ms)", durations), graph("Throttles", throttles));
        dashboard.addWidgets(
                graph("Dead letters", deadLetters),
                graph("Table consumed capacity", List.of(
                        table.metricConsumedReadCapacityUnits(perMinute),
                        table.metricConsumedWriteCapacityUnits(perMinute))),
                AlarmStatusWidget.Builder.create().title("Alarms").width(12)
                        .alarms(new ArrayList<IAlarm>(alarms)).build());
    }

    private static MetricOptions label(String label) {
        return MetricOptions.builder().label(label).build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(6).left(metrics).build();
    }

    private void outputs() {
        output("DropUrl", edge.url(), "The drop's pages (the storefront; the merchant's at /dashboard/) and its API, "
                + "on one origin: /drops, /checkout, /orders, /waitlist, /preorders, /webhooks, /merchant.");
        output("CatalogUrl", urls.get("Catalog").getUrl(), "Function URL of the catalog (CloudFront's origin).");
        output("CheckoutUrl", urls.get("Checkout").getUrl(),
                "Function URL of the checkout (POST /checkout, GET /orders/{orderId}).");
        output("PaymentsWebhookUrl", urls.get("PaymentsWebhook").getUrl() + "webhooks/payments",
                "The endpoint to register as Stripe's webhook.");
        output("MerchantUrl", urls.get("Merchant").getUrl(), "Function URL of the merchant API (CloudFront's origin; "
                + "call it at DropUrl/merchant/... with Authorization: Bearer <merchant key or sign-in token>).");
        output("MerchantUserPoolId", signIn.pool().getUserPoolId(),
                "The merchant's Cognito user pool (invite or reset the merchant here).");
        output("MerchantSignInDomain", signIn.domain().baseUrl(), "The merchant's hosted sign-in pages.");
        output("DropTableName", table.getTableName(), "Name of the drop's DynamoDB table.");
        output("EventBusName", bus.getEventBusName(), "Name of the drop's event bus.");
        output("AlarmTopicArn", alarmTopic.getTopicArn(),
                "The topic every alarm notifies: subscribe on-call e-mail, chat or paging to it.");
        deadLetterQueues.forEach((id, queue) -> output(id + "Url", queue.getQueueUrl(), "URL of " + id + "."));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    static String pascalCase(String kebab) {
        StringBuilder pascal = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                pascal.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return pascal.toString();
    }

    // ---- what the tests look at

    public Map<String, SnapStartFunction> functions() {
        return Map.copyOf(functions);
    }

    public Table table() {
        return table;
    }

    public Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }

    public DropEdge edge() {
        return edge;
    }

    public MerchantSignIn signIn() {
        return signIn;
    }

    public Role waveSchedulerRole() {
        return waveSchedulerRole;
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    /**
     * {@code -c stripePublishableKey=pk_...}: the key Stripe.js needs in the storefront to take a card (it is public by
     * design, unlike the secret key in the drop's secret). Without it the storefront cannot take real payments.
     */
    private Optional<String> stripePublishableKey() {
        Object value = getNode().tryGetContext("stripePublishableKey");
        if (value == null || String.valueOf(value).isBlank()) {
            return Optional.empty();
        }
        String key = String.valueOf(value).strip();
        if (!key.matches("pk_(test|live)_[A-Za-z0-9]{8,}")) {
            throw new IllegalArgumentException("stripePublishableKey must be a Stripe publishable key (pk_test_... or "
                    + "pk_live_...), never a secret key");
        }
        return Optional.of(key);
    }
}
