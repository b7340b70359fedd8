package dev.microdrop.cdk;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlCorsOptions;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.HttpMethod;
import software.amazon.awscdk.services.ses.CfnConfigurationSet;
import software.amazon.awscdk.services.ses.CfnConfigurationSetEventDestination;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The stack of one merchant's shop, {@code microdrop-shop-<shop>}: long-lived, deployed before its drops, and kept
 * while drops come and go (docs/shop-stack.md). It holds what outlives a drop: the shop's table (the audience,
 * buyers across drops, send records, suppressions), the shop's bus that every drop of the shop forwards its domain
 * events to, the {@code shop-events} queue those events and SES's bounces and complaints arrive on, the SES
 * configuration set the shop's mail goes through, and two functions of {@code functions/shop}: {@code shop} (the
 * shop's HTTP API, on a function URL) and {@code shopEvents} (the queue's consumer, one environment so mail is paced).
 *
 * <p><b>Secrets</b>: one Secrets Manager secret, {@code microdrop-shop/<shop>}, with {@code buyerIdKey} (the buyer-id
 * key of the shop and of every one of its drops, so an address is the same buyer everywhere), {@code linkKey}
 * (signs the audience's confirmation and unsubscribe links) and {@code merchantKey} (the merchant's doors of the
 * shop, {@code GET /shop/kpis}), referenced as for drops ({@link SecretFields}).
 *
 * <p><b>The drops' tables</b>: a drop deployed with {@code -c shop=<shop>} names its table
 * {@code microdrop.<shop>.<dropId>} ({@link #dropTableName}). The shop function, which erases a buyer across the
 * shop and its drops, may query, update and delete items in the tables named {@code microdrop.<shop>.*} only: a
 * drop id and a shop name hold no dot, so no other shop's table and no table outside microdrop match.
 */
public class ShopStack extends Stack {

    /** A shop's name: what its stack, bus, secret, configuration set and its drops' tables are named after. */
    static final String SHOP_NAME = "[a-z0-9](-?[a-z0-9])*";
    /** 32: the default bus's rule {@code microdrop-shop-<shop>-mail-feedback} must fit EventBridge's 64 characters. */
    static final int SHOP_NAME_MAX = 32;
    /** Where SES publishes a configuration set's events: only the account's default bus is supported. */
    static final String DEFAULT_BUS = "default";
    /** The shop function's item actions on the table: no Scan (the audience is listed through gsi2, never scanned). */
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem",
            "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem");
    /**
     * Export and erasure across the drops: find the buyer's items (a Query, and a GetItem for an item whose key is
     * known), blank what names a person, remove what only is a person's.
     */
    static final List<String> DROP_ERASURE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    /** The audience by hub or interest ({@code gsi2pk = HUB#<hubId>}, ...), written by the audience's adapter. */
    static final String AUDIENCE_INDEX = "gsi2";

    /** The SSM parameter naming the shop's table, whose suppressions its drops' notifications read. */
    static String tableNameParameter(String shop) {
        return "/microdrop/shop/" + shop + "/table-name";
    }

    /** The SSM parameter naming the host of the shop's API, which its drops' edges route {@code /shop/*} to. */
    static String apiDomainParameter(String shop) {
        return "/microdrop/shop/" + shop + "/api-domain";
    }
    /** The SES events that suppress an address. */
    static final List<String> SUPPRESSING_MAIL_EVENTS = List.of("BOUNCE", "COMPLAINT");
    /**
     * One message per invocation: a message may be a page of the audience, up to {@code Announcer.PER_DELIVERY} (40)
     * mails, 4 s at SES's default 10 a second; a batch of 10 such pages would run past the function's 10 s timeout
     * and come back whole, pages already mailed included, until the dead-letter queue.
     */
    static final int SHOP_EVENTS_BATCH_SIZE = 1;
    /** The mail's pace, as for the drop's notifications ({@link DropStack#NOTIFICATIONS_MAX_CONCURRENCY}). */
    static final int SHOP_EVENTS_MAX_CONCURRENCY = DropStack.NOTIFICATIONS_MAX_CONCURRENCY;

    private static final List<String> SHOP_HEADERS = List.of("content-type", "authorization");

    /**
     * @param shop            the shop's name ({@link #SHOP_NAME}, at most {@link #SHOP_NAME_MAX} characters)
     * @param code            each function module's artifact, by module name ({@code shop})
     * @param rules           the directory of the shop's rule files ({@code events/shop-rules})
     * @param storefrontUrl   the shop's storefront, where the mails' links lead ({@code <url>/subscribe/}, ...)
     * @param origins         the storefront origins the shop's API answers browsers from (CORS)
     * @param mail            the sender and rate; the configuration set is the stack's own, so none may be named
     * @param secretsRevision changed after the shop's secret is updated, so the functions pick up the new values
     * @param shopEventsReservedConcurrency 1 (one environment, so {@code mailRate} is the shop's rate), or null
     * @param alarmEmail      an address the alarm topic mails, if any (it must confirm the subscription)
     */
    public record Props(String shop, Function<String, Code> code, Path rules, String storefrontUrl, List<String> origins,
                        MailSettings mail, String secretsRevision, Integer shopEventsReservedConcurrency,
                        Optional<String> alarmEmail, StackProps stackProps) {

        public Props {
            requireShopName(shop);
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(secretsRevision, "secretsRevision");
            DropStack.Props.requireOneAddress("alarmEmail", Objects.requireNonNull(alarmEmail, "alarmEmail"));
            origins = List.copyOf(origins);
            requireUrl("storefrontUrl", storefrontUrl, true);
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("shop " + shop + " has no storefront origins: its API allows browser "
                        + "calls (CORS) from those origins only");
            }
            origins.forEach(origin -> requireUrl("shopOrigins", origin, false));
            mail.configurationSet().ifPresent(set -> {
                throw new IllegalArgumentException("mailConfigurationSet " + set + ": the shop's stack makes its own, "
                        + configurationSetName(shop) + ", so that its bounces and complaints reach the shop");
            });
        }

        private static void requireUrl(String name, String url, boolean path) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, name));
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            boolean valid = uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null
                    && (path || uri.getRawPath() == null || uri.getRawPath().isEmpty());
            if (!valid) {
                throw new IllegalArgumentException(name + " " + url + " is not an https "
                        + (path ? "URL without query (https://shop.example/)" : "origin (https://shop.example)"));
            }
        }
    }

    private final String shop;
    private final Table table;
    private final EventBus bus;
    private final CfnConfigurationSet configurationSet;
    private final Queue shopEvents;
    private final Queue deadLetters;
    private final Map<String, SnapStartFunction> functions = new LinkedHashMap<>();
    private final FunctionUrl url;
    private final Topic alarmTopic;

    public ShopStack(Construct scope, String id, Props props) {
        super(scope, id, props.stackProps());
        shop = props.shop();
        table = createTable();
        bus = EventBus.Builder.create(this, "ShopBus").eventBusName(busName(shop)).build();
        // The drops' forwarding rules put events here through a role of this account (DropStack).
        bus.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ThisAccountsDropsForwardTheirEvents")
                .effect(Effect.ALLOW)
                .principals(List.of(new AccountRootPrincipal()))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .build());

        configurationSet = CfnConfigurationSet.Builder.create(this, "MailConfigurationSet")
                .name(configurationSetName(shop))
                .build();
        // By the set's Ref (its name), so CloudFormation creates the set first.
        CfnConfigurationSetEventDestination.Builder.create(this, "MailFeedbackDestination")
                .configurationSetName(configurationSet.getRef())
                .eventDestination(CfnConfigurationSetEventDestination.EventDestinationProperty.builder()
                        .name("bounces-and-complaints")
                        .enabled(true)
                        .matchingEventTypes(SUPPRESSING_MAIL_EVENTS)
                        .eventBridgeDestination(CfnConfigurationSetEventDestination.EventBridgeDestinationProperty
                                .builder().eventBusArn(arn("events", "event-bus/" + DEFAULT_BUS)).build())
                        .build())
                .build();
        MailSettings mail = new MailSettings(props.mail().from(), props.mail().address(),
                Optional.of(configurationSetName(shop)), props.mail().rate());

        deadLetters = Queues.deadLetterQueue(this, "ShopEventsDeadLetterQueue");
        shopEvents = Queues.sourceQueue(this, "ShopEventsQueue", deadLetters,
                DropStack.NOTIFICATIONS_MAX_RECEIVE_COUNT, DropStack.NOTIFICATIONS_VISIBILITY_TIMEOUT_SECONDS);
        rules(RuleFiles.read(props.rules()));

        SecretFields secrets = new SecretFields(secretName(shop));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MICRODROP_TABLE", table.getTableName());
        environment.put("MICRODROP_BUYER_ID_KEY", secrets.field("buyerIdKey"));
        environment.put("MICRODROP_SHOP_LINK_KEY", secrets.field("linkKey"));
        environment.put("MICRODROP_SHOP_STOREFRONT_URL", props.storefrontUrl());
        environment.put("MICRODROP_SHOP_DROP_TABLE_PREFIX", dropTablePrefix(shop));
        environment.put("MICRODROP_MAIL_FROM", mail.from());
        environment.put("MICRODROP_MAIL_CONFIGURATION_SET", configurationSetName(shop));
        environment.put("MICRODROP_MAIL_RATE", mail.rate());
        // Marketing mail's one-click unsubscribe goes to the API's own function URL, which no function's environment
        // can name (the URL is made after it): its host is read from the parameter the stack writes (outputs()).
        environment.put("MICRODROP_SHOP_API_DOMAIN_PARAMETER", apiDomainParameter(shop));
        // The merchant's doors of the shop (GET /shop/kpis): the merchant key from the shop's secret.
        environment.put("MICRODROP_MERCHANT_ID", shop);
        environment.put("MICRODROP_MERCHANT_KEYS", shop + "=" + secrets.field("merchantKey"));
        Code code = props.code().apply("shop");
        SnapStartFunction api = function("Shop", code, "shop", environment, props.secretsRevision(), null);
        // The consumer alone puts a publication's pages back on its own queue (AnnouncementPages): it knows the URL.
        Map<String, String> consumerEnvironment = new LinkedHashMap<>(environment);
        consumerEnvironment.put("MICRODROP_SHOP_EVENTS_QUEUE_URL", shopEvents.getQueueUrl());
        SnapStartFunction consumer = function("ShopEvents", code, "shopEvents", consumerEnvironment,
                props.secretsRevision(), props.shopEventsReservedConcurrency());

        for (SnapStartFunction function : functions.values()) {
            grantTable(function);
            function.role().addToPrincipalPolicy(mail.sendStatement(this, List.of("ses:SendEmail")));
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .effect(Effect.ALLOW)
                    .actions(List.of("ssm:GetParameter"))
                    .resources(List.of(arn("ssm", "parameter" + apiDomainParameter(shop))))
                    .build());
        }
        api.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(DROP_ERASURE_ACTIONS)
                .resources(List.of(arn("dynamodb", "table/" + dropTablePrefix(shop) + "*")))
                .build());
        Queues.consumer(consumer, shopEvents, SHOP_EVENTS_MAX_CONCURRENCY, SHOP_EVENTS_BATCH_SIZE);
        // SendMessageBatch is authorized as sqs:SendMessage; the queue's SQS-managed encryption needs no KMS grant.
        consumer.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(shopEvents.getQueueArn()))
                .build());

        // Open like the drops' buyer doors: the sign-up, its confirmation and the unsubscribe are for anyone with
        // the signed link; a door for the merchant admits only what the function verifies (as the drop's merchant API).
        url = api.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE)
                .cors(FunctionUrlCorsOptions.builder().allowedOrigins(props.origins())
                        .allowedMethods(List.of(HttpMethod.GET, HttpMethod.POST)).allowedHeaders(SHOP_HEADERS).build())
                .build());

        alarmTopic = AlarmTopic.create(this, "shop " + shop, props.alarmEmail());
        alarms();
        outputs();
        Nag.suppress(this);
    }

    /** {@code microdrop-shop-<shop>}: the stack's name, and its bus's. */
    public static String nameOf(String shop) {
        return "microdrop-shop-" + requireShopName(shop);
    }

    static String busName(String shop) {
        return nameOf(shop);
    }

    /** The shop's bus, as a drop of the shop names it (a drop deploys after its shop, in the same account and region). */
    static String busArn(Stack stack, String shop) {
        return "arn:" + stack.getPartition() + ":events:" + stack.getRegion() + ":" + stack.getAccount()
                + ":event-bus/" + busName(shop);
    }

    /** {@code microdrop-shop/<shop>}: the secret with {@code buyerIdKey}, {@code linkKey} and {@code merchantKey}. */
    static String secretName(String shop) {
        return "microdrop-shop/" + requireShopName(shop);
    }

    static String configurationSetName(String shop) {
        return nameOf(shop);
    }

    /** {@code microdrop.<shop>.}: every table of the shop's drops starts with it, and no other table does. */
    static String dropTablePrefix(String shop) {
        return "microdrop." + requireShopName(shop) + ".";
    }

    /** The table of drop {@code dropId} of {@code shop}. */
    static String dropTableName(String shop, String dropId) {
        return dropTablePrefix(shop) + dropId;
    }

    static String requireShopName(String shop) {
        if (shop == null || !shop.matches(SHOP_NAME) || shop.length() > SHOP_NAME_MAX) {
            throw new IllegalArgumentException("shop " + shop + " is not a shop name: lower-case letters, digits and "
                    + "single dashes, at most " + SHOP_NAME_MAX + " characters (-c shop=neon-runners)");
        }
        return shop;
    }

    // ---- the table

    private Table createTable() {
        // The drops' key schema (pk/sk, docs/data-model.md), so the same adapters read both. The audience and the
        // buyers across drops outlive any stack: retained, and deletion protection stops an accidental delete.
        Table shopTable = DropStack.singleTable(this, "ShopTable").build();
        shopTable.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(AUDIENCE_INDEX)
                .partitionKey(Attribute.builder().name("gsi2pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("gsi2sk").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        return shopTable;
    }

    /** The table's item actions, and Query on the audience's index by its name (no wildcard on every index). */
    private void grantTable(SnapStartFunction function) {
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(TABLE_ACTIONS)
                .resources(List.of(table.getTableArn()))
                .build());
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn() + "/index/" + AUDIENCE_INDEX))
                .build());
    }

    // ---- events

    /**
     * The rules of {@code events/shop-rules}: those of AWS services' events go on the account's default bus (where
     * SES publishes), narrowed to this shop's configuration set, so another shop's bounces never reach this one;
     * the drops' events go on the shop's bus.
     */
    private void rules(List<RuleFiles> files) {
        for (RuleFiles file : files) {
            if (!file.target().equals("shop-events-queue")) {
                throw new IllegalArgumentException("events/shop-rules/" + file.name() + ".json targets " + file.target()
                        + ", which the shop's stack does not have (it has shop-events-queue)");
            }
            Map<String, Object> pattern = new LinkedHashMap<>(file.eventPattern());
            boolean fromSes = List.of("aws.ses").equals(pattern.get("source"));
            if (fromSes) {
                pattern.put("detail", Map.of("mail", Map.of("tags", Map.of("ses:configuration-set",
                        List.of(configurationSetName(shop))))));
            }
            Queues.ruleTo(this, DropStack.pascalCase(file.name()),
                    fromSes ? nameOf(shop) + "-" + file.name() : file.name(), file.description(),
                    fromSes ? DEFAULT_BUS : bus.getEventBusName(), pattern, file.target(), shopEvents);
        }
    }

    // ---- functions

    private SnapStartFunction function(String name, Code code, String definition, Map<String, String> environment,
                                       String secretsRevision, Integer reservedConcurrency) {
        SnapStartFunction function = new SnapStartFunction(this, name, code, "dev.microdrop.shop.ShopApplication",
                definition, environment,
                "microdrop shop " + shop + " " + name + " (" + definition + "), secrets revision " + secretsRevision,
                reservedConcurrency);
        functions.put(name, function);
        return function;
    }

    private String arn(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    // ---- monitoring

    /**
     * The functions' errors and throttles and any dead letter notify the alarm topic, as a drop's do; the dead-letter
     * alarm also when it is OK again (the queue was drained or redriven).
     */
    private void alarms() {
        SnsAction notify = new SnsAction(alarmTopic);
        functions.values().forEach(function -> function.alarms().forEach(alarm -> alarm.addAlarmAction(notify)));
        Alarm deadLetterAlarm = Alarm.Builder.create(this, "ShopEventsDeadLetterQueueDepthAlarm")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription("ShopEventsDeadLetterQueue holds messages that failed: inspect, fix, redrive")
                .build();
        deadLetterAlarm.addAlarmAction(notify);
        deadLetterAlarm.addOkAction(notify);
    }

    private void outputs() {
        output("ShopUrl", url.getUrl(), "Function URL of the shop's API (/shop/audience, /shop/unsubscribe, ...).");
        // Where each drop's edge sends /shop/*: the API's host, read by the drop's stack at deploy time.
        StringParameter.Builder.create(this, "ShopApiDomain")
                .parameterName(apiDomainParameter(shop))
                .description("The host of shop " + shop + "'s API function URL, for its drops' edges")
                .stringValue(Fn.select(2, Fn.split("/", url.getUrl())))
                .build();
        output("ShopBusArn", bus.getEventBusArn(), "The shop's bus: each drop of the shop forwards its events here.");
        output("ShopTableName", table.getTableName(), "Name of the shop's DynamoDB table.");
        // Where each drop's notifications read the suppressions SES's bounces and complaints put in the shop's table.
        StringParameter.Builder.create(this, "ShopTableNameParameter")
                .parameterName(tableNameParameter(shop))
                .description("The name of shop " + shop + "'s table, whose suppressions its drops' mail honours")
                .stringValue(table.getTableName())
                .build();
        output("MailConfigurationSetName", configurationSetName(shop),
                "The SES configuration set the shop's mail goes through (bounces and complaints to shop-events).");
        output("ShopEventsDeadLetterQueueUrl", deadLetters.getQueueUrl(), "URL of ShopEventsDeadLetterQueue.");
        output("AlarmTopicArn", alarmTopic.getTopicArn(),
                "The topic every alarm notifies: subscribe on-call e-mail, chat or paging to it.");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    // ---- what the tests look at

    public Map<String, SnapStartFunction> functions() {
        return Map.copyOf(functions);
    }

    public Queue deadLetterQueue() {
        return deadLetters;
    }
}
