package dev.microdrop.notifications;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.OrderMails;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.notification.SendRate;
import dev.microdrop.core.notification.Suppressions;
import dev.microdrop.core.notification.SurveyTokens;
import java.util.List;
import java.util.Optional;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.PrimingEvents;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.mail.MimeMails;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import dev.microdrop.infrastructure.mail.SesMailSender;
import dev.microdrop.infrastructure.mail.SmtpMailSender;
import dev.microdrop.infrastructure.notification.DynamoDbSentMail;
import dev.microdrop.infrastructure.notification.DynamoDbSuppressions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The notifications Lambda: {@code MAIN_CLASS} for Spring Cloud Function's {@code FunctionInvoker}, function
 * definition {@code notifications}, triggered by the SQS queue the {@code notifications-mail} rule feeds, with
 * {@code ReportBatchItemFailures}.
 *
 * <p>The send rate is a token bucket per execution environment ({@link SendRate}), and the stack gives the function
 * a reserved concurrency of 1: one environment, so {@code MICRODROP_MAIL_RATE} is the deployment's rate. A batch
 * waits up to {@code maxWait} for it (a batch of 10 at 10 a second waits about a second); beyond that its messages
 * come back later. Why not batch size × concurrency alone: it bounds mails per invocation, not per second, and an
 * invocation of ten already-sent receipts takes milliseconds.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
@EnableConfigurationProperties(MailProperties.class)
public class NotificationsApplication {

    @Bean
    MailSender mailSender(MailProperties mail, AwsClientFactory clients, Clock clock) {
        MimeMails mime = new MimeMails(mail.from(), clock);
        if (mail.transport().equals("smtp")) {
            return new SmtpMailSender(mail.smtpHost(), mail.smtpPort(), mime);
        }
        SesV2Client ses = clients.client(SesV2Client.builder());
        return new SesMailSender(ses, mime, mail.configurationSet());
    }

    @Bean
    OrderMails orderMails(DynamoDbClient dynamoDb, MicrodropProperties properties, MailProperties mail,
            MailSender sender, Clock clock) {
        byte[] key = properties.requireBuyerIdKey();
        Notifier notifier = new Notifier(new MustacheMailTemplates().compile(OrderMails.KINDS), sender,
                new DynamoDbSentMail(dynamoDb, properties.table()), Consents.none(),
                suppressions(dynamoDb, properties.table(), mail.shopTable(), new BuyerIds(key), clock), new SendKeys(key),
                clock, mail.lease());
        Pacing pacing = Pacing.of(new SendRate(mail.rate(), mail.maxWait(), clock.instant()), clock,
                NotificationsApplication::sleep);
        return new OrderMails(new DynamoDbOrderStore(dynamoDb, properties.table(), clock), notifier, pacing,
                mail.storefrontUrl(), Optional.of(new OrderMails.Survey(new SurveyTokens(key), mail.surveyUrl())));
    }

    /** The drop's suppressions, and its shop's (where SES's bounces and complaints land) when it has one. */
    static Suppressions suppressions(DynamoDbClient dynamoDb, String table, String shopTable, BuyerIds ids,
            Clock clock) {
        Suppressions own = new DynamoDbSuppressions(dynamoDb, table, ids, clock);
        return shopTable == null || shopTable.isBlank() ? own
                : Suppressions.anyOf(own, List.of(new DynamoDbSuppressions(dynamoDb, shopTable.strip(), ids, clock)));
    }

    @Bean
    Function<SQSEvent, SQSBatchResponse> notifications(OrderMails orderMails) {
        return new NotificationsHandler(orderMails, Json.mapper());
    }

    /** Before SnapStart's snapshot: an OrderPaid for an order that does not exist (one read, no write, no mail). */
    @Bean
    Primer notificationsPrimer(Function<SQSEvent, SQSBatchResponse> notifications) {
        return () -> notifications.apply(PrimingEvents.sqs(PrimingEvents.eventBridge("OrderPaid")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing mail", e);
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(NotificationsApplication.class, args);
    }
}
