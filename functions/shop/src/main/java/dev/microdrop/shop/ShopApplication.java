package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendRate;
import dev.microdrop.core.notification.Suppressions;
import dev.microdrop.core.notification.SurveyTokens;
import dev.microdrop.core.shop.AnnouncementPages;
import dev.microdrop.core.shop.AnnouncementQueue;
import dev.microdrop.core.shop.DropAnnouncements;
import dev.microdrop.core.shop.LoyaltyPasses;
import dev.microdrop.core.shop.LoyaltyRule;
import dev.microdrop.core.shop.RestockAlerts;
import dev.microdrop.core.shop.NewTimes;
import dev.microdrop.core.shop.ShopEvents;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.core.shop.Surveys;
import java.time.Duration;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.audience.PrivacyRequests;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.auth.MerchantTokens;
import dev.microdrop.function.config.CachedValue;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.audience.DynamoDbAudienceMembers;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbBuyerErasure;
import dev.microdrop.infrastructure.dynamodb.DynamoDbShopDrops;
import dev.microdrop.infrastructure.dynamodb.DynamoDbShopRecords;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.mail.MimeMails;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import dev.microdrop.infrastructure.mail.SesMailSender;
import dev.microdrop.infrastructure.mail.SmtpMailSender;
import dev.microdrop.infrastructure.notification.DynamoDbSentMail;
import dev.microdrop.infrastructure.notification.DynamoDbSuppressions;
import dev.microdrop.infrastructure.sqs.SqsAnnouncementQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The shop Lambda: {@code MAIN_CLASS} for Spring Cloud Function's {@code FunctionInvoker}, function definition
 * {@code shop}, behind a function URL.
 *
 * <p>The double opt-in mail is sent here, in the request, through the same {@link Notifier} as the notifications
 * function (its send record makes it once per sign-up), rather than through an event and the notifications queue:
 * the mail carries a signed link that must not travel through the bus or sit in a queue, and the person is waiting
 * for it. What that costs: this function is not paced by the notifications function's send rate; a sign-up is one
 * person's request and one mail, and SES's own throttling answers a burst with an error (the person tries again).
 * The mail settings are the notifications function's ({@code microdrop.mail.*}).
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
@EnableConfigurationProperties(ShopProperties.class)
public class ShopApplication {

    /** A new host of the shop's API (a replaced function URL) reaches mail within this time, without a deploy. */
    private static final Duration API_DOMAIN_KEPT_FOR = Duration.ofMinutes(10);

    @Bean
    MailSender mailSender(@Value("${microdrop.mail.from}") String from,
            @Value("${microdrop.mail.transport:ses}") String transport,
            @Value("${microdrop.mail.smtp-host:127.0.0.1}") String smtpHost,
            @Value("${microdrop.mail.smtp-port:25}") int smtpPort,
            @Value("${microdrop.mail.configuration-set:}") String configurationSet,
            AwsClientFactory clients, Clock clock) {
        MimeMails mime = new MimeMails(from, clock);
        if (transport.equals("smtp")) {
            return new SmtpMailSender(smtpHost, smtpPort, mime);
        }
        return new SesMailSender(clients.client(SesV2Client.builder()), mime, configurationSet);
    }

    /** The shop's adapters on its table: one of each, which the doors and the shop's queue share. */
    @Bean
    ShopRecords shopRecords(DynamoDbClient dynamoDb, MicrodropProperties properties) {
        return new DynamoDbShopRecords(dynamoDb, properties.table());
    }

    @Bean
    AudienceMembers audienceMembers(DynamoDbClient dynamoDb, MicrodropProperties properties) {
        return new DynamoDbAudienceMembers(dynamoDb, properties.table());
    }

    @Bean
    Suppressions suppressions(DynamoDbClient dynamoDb, MicrodropProperties properties, Clock clock) {
        return new DynamoDbSuppressions(dynamoDb, properties.table(), new BuyerIds(properties.requireBuyerIdKey()),
                clock);
    }

    @Bean
    Audience audience(AudienceMembers members, MicrodropProperties properties, ShopProperties shop) {
        return new Audience(members,
                new BuyerIds(properties.requireBuyerIdKey()), new LinkTokens(shop.linkKeyBytes()),
                Audience.DEFAULT_CONFIRM_WINDOW);
    }

    /** The shop's own mails (the double opt-in, the privacy links): transactional, sent in the request. */
    @Bean
    Notifier shopNotifier(DynamoDbClient dynamoDb, MicrodropProperties properties, MailSender sender,
            Suppressions suppressions, Clock clock) {
        return new Notifier(new MustacheMailTemplates().compile(Set.of(NotificationKind.CONFIRM_SIGNUP,
                NotificationKind.PRIVACY_EXPORT, NotificationKind.PRIVACY_ERASE)),
                sender, new DynamoDbSentMail(dynamoDb, properties.table()), Consents.none(), suppressions,
                new SendKeys(properties.requireBuyerIdKey()), clock, Notifier.DEFAULT_LEASE);
    }

    @Bean
    SignUpMails signUpMails(Notifier shopNotifier, ShopProperties shop) {
        return new SignUpMails(shopNotifier, shop.subscribePage());
    }

    /**
     * A buyer's export and erasure across the shop and its drops (docs/audience.md): the audience, then its drops'
     * tables: one {@link DynamoDbBuyerErasure} per table named by {@code microdrop.shop.drop-tables}
     * ({@code MICRODROP_SHOP_DROP_TABLES}, comma-separated); else, deployed, the tables of the drops the shop was told
     * of, by the stack's prefix ({@code MICRODROP_SHOP_DROP_TABLE_PREFIX}, {@link DynamoDbShopDrops}); else the shop's own
     * table, which locally holds every drop. Then any other {@link BuyerErasure} in the context (locally, the mailbox
     * that stands in for SES).
     */
    @Bean
    PrivacyRequests privacyRequests(Audience audience, DynamoDbClient dynamoDb, MicrodropProperties properties,
            ShopProperties shop, @Value("${microdrop.shop.drop-tables:}") String dropTables,
            @Value("${microdrop.shop.drop-table-prefix:}") String dropTablePrefix, ShopRecords shopRecords,
            ObjectProvider<BuyerErasure> others) {
        List<String> named = Arrays.stream(dropTables.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .distinct().toList();
        List<BuyerRecords> records = new ArrayList<>();
        List<BuyerErasure> erasures = new ArrayList<>();
        if (named.isEmpty() && !dropTablePrefix.isBlank()) {
            DynamoDbShopDrops drops = new DynamoDbShopDrops(dynamoDb, shopRecords, dropTablePrefix.strip());
            records.add(drops);
            erasures.add(drops);
        } else {
            for (String table : named.isEmpty() ? List.of(properties.table()) : named) {
                DynamoDbBuyerErasure drop = new DynamoDbBuyerErasure(dynamoDb, table);
                records.add(drop);
                erasures.add(drop);
            }
        }
        others.orderedStream().forEach(erasures::add);
        return new PrivacyRequests(audience, new LinkTokens(shop.linkKeyBytes()), List.copyOf(records), erasures,
                PrivacyRequests.DEFAULT_LINK_WINDOW);
    }

    /**
     * {@code GET /shop/kpis}, authenticated as the merchant API is: merchant keys ({@code microdrop.merchant.keys})
     * or the merchant's Cognito tokens ({@code microdrop.merchant.cognito.*}), see {@link MerchantAuth}.
     */
    @Bean
    ShopKpiRoute shopKpis(ShopRecords records, Responses responses, Clock clock,
            @Value("${microdrop.merchant.keys:}") String keys,
            @Value("${microdrop.merchant.id:}") String merchantId,
            @Value("${microdrop.merchant.cognito.user-pool-id:}") String userPoolId,
            @Value("${microdrop.merchant.cognito.client-id:}") String clientId,
            @Value("${microdrop.merchant.cognito.client-id-parameter:}") String clientIdParameter,
            AwsClientFactory clients) {
        MerchantAuth auth = new MerchantAuth(keys, MerchantTokens.configured(userPoolId, clientId, clientIdParameter,
                merchantId, clients, clock));
        return new ShopKpiRoute(auth, records, responses, clock);
    }

    /**
     * The shop's queue ({@code shopEvents}): its drops' events kept for its history, a published drop (and a SKU back
     * in stock after it sold out) split into pages of its audience on the same queue, each page's loyalty passes and
     * news (or restock alerts) mailed (marketing: the audience's consent, the one-click unsubscribe, paced at {@code
     * microdrop.mail.rate} a second in this function's one environment), SES bounces and complaints suppressed.
     */
    @Bean
    Function<SQSEvent, SQSBatchResponse> shopEvents(ShopRecords records, AudienceMembers members,
            Suppressions suppressions, MicrodropProperties properties, ShopProperties shop, Notifier marketingNotifier,
            AnnouncementQueue announcementQueue, Clock clock, @Value("${microdrop.mail.rate:10}") double rate,
            @Value("${microdrop.mail.max-wait:PT2S}") Duration maxWait) {
        Pacing pacing = Pacing.of(new SendRate(rate, maxWait, clock.instant()), clock, ShopApplication::sleep);
        DropAnnouncements announcements = new DropAnnouncements(records, members,
                new AccessTokens(properties.requireBuyerIdKey()), marketingNotifier, pacing, shop.storefrontUrl(),
                clock);
        LoyaltyPasses passes = loyaltyPasses(records, members, properties, shop, marketingNotifier, pacing, clock);
        RestockAlerts restocks = new RestockAlerts(records, members, marketingNotifier, pacing, announcementQueue,
                shop.storefrontUrl(), clock);
        return new ShopEventsHandler(new ShopEvents(records, passes,
                new AnnouncementPages(records, members, passes, announcements,
                        new NewTimes(records, new AccessTokens(properties.requireBuyerIdKey()), marketingNotifier,
                                pacing, new LoyaltyRule(shop.loyaltyDrops()), shop.storefrontUrl(), clock),
                        announcementQueue, clock), restocks),
                suppressions, Json.mapper());
    }

    /**
     * A publication's pages, on the shop's own queue ({@code microdrop.shop.events-queue-url}, {@code
     * MICRODROP_SHOP_EVENTS_QUEUE_URL}: the stack sets it on {@code ShopEvents} only). Without it the function starts,
     * and a publication fails (and comes back) saying what to set.
     */
    @Bean
    AnnouncementQueue announcementQueue(AwsClientFactory clients,
            @Value("${microdrop.shop.events-queue-url:}") String queueUrl) {
        return new SqsAnnouncementQueue(clients.client(SqsClient.builder()), queueUrl, Json.mapper());
    }

    /**
     * The shop's marketing mail (passes, "opens soon", a drop's new times, restock alerts): the audience's consent and the one-click unsubscribe, once per
     * mail, never to a suppressed address.
     */
    @Bean
    Notifier marketingNotifier(DynamoDbClient dynamoDb, MicrodropProperties properties, ShopProperties shop,
            Audience audience, MailSender sender, Suppressions suppressions, Clock clock,
            @Value("${microdrop.mail.lease:PT2M}") Duration lease, AwsClientFactory clients) {
        Set<NotificationKind> kinds = new java.util.HashSet<>(LoyaltyPasses.KINDS);
        kinds.addAll(DropAnnouncements.KINDS);
        kinds.addAll(RestockAlerts.KINDS);
        kinds.addAll(NewTimes.KINDS);
        return new Notifier(new MustacheMailTemplates().compile(kinds), sender,
                new DynamoDbSentMail(dynamoDb, properties.table()),
                new AudienceConsents(audience, unsubscribeEndpoint(shop, clients, clock)), suppressions,
                new SendKeys(properties.requireBuyerIdKey()), clock, lease);
    }

    /**
     * Where marketing mail's one-click unsubscribe goes: the configured API URL or storefront, or, deployed, the shop's
     * own function URL, whose host the stack keeps in SSM (read on the first mail, kept for a while).
     */
    private static Supplier<URI> unsubscribeEndpoint(ShopProperties shop, AwsClientFactory clients, Clock clock) {
        if (!shop.apiDomainFromParameter()) {
            URI endpoint = shop.unsubscribeEndpoint();
            return () -> endpoint;
        }
        SsmClient ssm = clients.client(SsmClient.builder());
        CachedValue domain = new CachedValue("the shop API's host", () -> ssm.getParameter(
                request -> request.name(shop.apiDomainParameter())).parameter().value(), API_DOMAIN_KEPT_FOR, clock);
        return () -> ShopProperties.unsubscribeEndpointOn(domain.get());
    }

    private static LoyaltyPasses loyaltyPasses(ShopRecords records, AudienceMembers members,
            MicrodropProperties properties, ShopProperties shop, Notifier notifier, Pacing pacing, Clock clock) {
        return new LoyaltyPasses(records, members, new AccessTokens(properties.requireBuyerIdKey()), notifier, pacing,
                new LoyaltyRule(shop.loyaltyDrops()), shop.storefrontUrl(), clock);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing mail", e);
        }
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> shop(Audience audience, SignUpMails mails,
            ShopRecords records, AudienceMembers members, MicrodropProperties properties, ShopProperties shop,
            Responses responses, Clock clock, PrivacyRequests privacy, Notifier shopNotifier,
            Notifier marketingNotifier, ShopKpiRoute kpis) {
        Surveys surveys = new Surveys(records, new SurveyTokens(properties.requireBuyerIdKey()), clock);
        // A confirmation may earn a pass: one person's mails, sent in the request as the confirmation's own.
        LoyaltyPasses passes = loyaltyPasses(records, members, properties, shop, marketingNotifier, Pacing.unlimited(),
                clock);
        return new ShopHandler(audience, surveys, mails, shop.unsubscribePage(), Json.mapper(), responses, clock,
                new ShopHandler.Extras(kpis, privacy, new PrivacyMails(shopNotifier, shop.privacyPage()), passes));
    }

    /**
     * Before SnapStart's snapshot: a sign-up that fails validation (parsed, validated, nothing written, no mail),
     * a confirmation with a malformed token (refused before any read), a privacy request that fails validation, and
     * the KPIs without credentials (401).
     */
    @Bean
    Primer shopPrimer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> shop) {
        return () -> {
            Map<String, String> json = Map.of("content-type", "application/json");
            shop.apply(FunctionUrlEvents.request("POST", "/shop/audience", json,
                    "{\"email\":\"not an address\",\"consentTextVersion\":\"priming\",\"interests\":[\"priming\"]}"));
            shop.apply(FunctionUrlEvents.request("POST", "/shop/audience/confirm", json, "{\"token\":\"priming\"}"));
            shop.apply(FunctionUrlEvents.request("POST", "/shop/privacy", json,
                    "{\"email\":\"not an address\",\"request\":\"priming\"}"));
            shop.apply(FunctionUrlEvents.request("GET", "/shop/kpis", Map.of(), null));
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
