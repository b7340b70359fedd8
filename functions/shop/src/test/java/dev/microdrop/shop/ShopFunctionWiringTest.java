package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shop as Lambda runs it: {@code FunctionInvoker} with {@code MAIN_CLASS=ShopApplication}, the function-URL
 * event from {@code events/shop-audience-post.json}, DynamoDB Local behind the SDK client and SMTP into GreenMail.
 */
class ShopFunctionWiringTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = ShopFunctionSettings.greenMail();

    private static final String BUYER = "ada@example.com";

    @Test
    void functionInvoker_signsUp_mailsTheConfirmationLink_andLogsNoAddress() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "shop-wiring";
        DropTable.createIfMissing(dynamoDb, table);
        ShopFunctionSettings.use(table, "shop-wiring-buyer-id-key-0123456789", "shop-wiring-link-key-0123456789abcdef",
                GREEN_MAIL);

        LambdaHarness lambda = new LambdaHarness(ShopApplication.class, "shop");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        JsonNode response;
        try {
            response = lambda.invoke("shop-audience-post.json");
        } finally {
            root.detachAppender(logs);
        }

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(202);
        assertThat(response.get("body").asText()).isEqualTo("{\"state\":\"pending\"}");
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(BUYER);
        assertThat(received[0].getSubject()).startsWith("Confirm your sign-up");
        assertThat(received[0].getHeader("X-Microdrop-Kind", null)).isEqualTo("CONFIRM_SIGNUP");
        assertThat(logs.list).filteredOn(event -> !event.getLoggerName().startsWith("com.icegreen"))
                .extracting(ILoggingEvent::getFormattedMessage)
                .as("no log line carries the address, not even the framework's")
                .noneMatch(line -> line.contains(BUYER));
    }
}
