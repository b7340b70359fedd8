package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.shop.Surveys;
import dev.microdrop.core.notification.SurveyTokens;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.RenderedMail;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.RecordingMailSender;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.audience.DynamoDbAudienceMembers;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import dev.microdrop.infrastructure.notification.DynamoDbSentMail;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shop's handler on DynamoDB Local with the real templates and a recording sender: every answer, what is
 * written (nothing after a refusal) and what is mailed.
 */
class ShopHandlerIntegrationTest {

    private static final byte[] BUYER_KEY = "shop-test-buyer-id-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINK_KEY = "shop-test-link-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9._-]+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final RecordingMailSender sender = new RecordingMailSender();
    private final InMemoryShopRecords surveyRecords = new InMemoryShopRecords();
    private DynamoDbClient dynamoDb;
    private String table;
    private Audience audience;
    private ShopHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        dynamoDb = LocalDynamoDbServer.client();
        table = "shop-" + UUID.randomUUID();
        DropTable.createIfMissing(dynamoDb, table);
        audience = new Audience(new DynamoDbAudienceMembers(dynamoDb, table), new BuyerIds(BUYER_KEY),
                new LinkTokens(LINK_KEY), Audience.DEFAULT_CONFIRM_WINDOW);
        Notifier notifier = new Notifier(new MustacheMailTemplates().compile(Set.of(NotificationKind.CONFIRM_SIGNUP)),
                sender, new DynamoDbSentMail(dynamoDb, table), Consents.none(), new InMemorySuppressions(),
                new SendKeys(BUYER_KEY), clock, Notifier.DEFAULT_LEASE);
        handler = new ShopHandler(audience, new Surveys(surveyRecords, new SurveyTokens(BUYER_KEY), clock),
                new SignUpMails(notifier, URI.create("https://shop.example/subscribe/")),
                URI.create("https://shop.example/unsubscribe/"), Json.mapper(), new Responses(Json.mapper()), clock,
                new ShopHandler.Extras(new ShopKpiRoute(new MerchantAuth("", Optional.empty()),
                        new InMemoryShopRecords(), new Responses(Json.mapper()), clock), null, null, null));
    }

    @Test
    void signUp_answers202Pending_storesThePendingMember_andMailsTheConfirmationLinkOnce() throws Exception {
        APIGatewayV2HTTPResponse response = signUp("Ada@Example.com");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(body(response).get("state").asText()).isEqualTo("pending");
        assertThat(sender.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.kind()).isEqualTo(NotificationKind.CONFIRM_SIGNUP);
            assertThat(mail.to()).isEqualTo("ada@example.com");
            assertThat(mail.text()).contains("https://shop.example/subscribe/?token=a1.");
            // The HTML part escapes the link as JMustache does ("=" as "&#x3D;"); a browser reads it back as "=".
            assertThat(mail.html()).contains("href=\"https://shop.example/subscribe/?token&#x3D;a1.");
        });
        assertThat(audience.export("ada@example.com")).get().extracting(e -> e.state().name()).isEqualTo("PENDING");
    }

    @Test
    void signUp_whenAlreadySubscribed_answersTheSame202_andMailsNothingMore() throws Exception {
        signUp("ada@example.com");
        assertThat(confirm(token(sender.sent().getFirst())).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse again = signUp("ada@example.com");

        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getBody()).isEqualTo(signUp("someone-new@example.com").getBody());
        assertThat(sender.sent()).hasSize(2).extracting(RenderedMail::to)
                .containsExactly("ada@example.com", "someone-new@example.com");
    }

    @Test
    void signUp_retriedWithinTheMinute_mailsOnce_andTheMailedLinkConfirms() throws Exception {
        signUp("ada@example.com");
        clock.advance(Duration.ofSeconds(20));
        assertThat(signUp("ada@example.com").getStatusCode()).isEqualTo(202);

        assertThat(sender.sent()).hasSize(1);
        assertThat(confirm(token(sender.sent().getFirst())).getStatusCode()).isEqualTo(200);
    }

    @Test
    void signUp_againWhilePending_mailsTheNewLink() throws Exception {
        signUp("ada@example.com");
        clock.advance(Duration.ofMinutes(5));
        signUp("ada@example.com");

        assertThat(sender.sent()).hasSize(2);
        assertThat(token(sender.sent().get(1))).isNotEqualTo(token(sender.sent().get(0)));
        assertThat(confirm(token(sender.sent().get(1))).getStatusCode()).isEqualTo(200);
    }

    @Test
    void signUp_whenTheMailFails_is500_staysPending_andSigningUpAgainMails() throws Exception {
        sender.failWhen(mail -> true);
        APIGatewayV2HTTPResponse failed = signUp("ada@example.com");

        assertThat(failed.getStatusCode()).isEqualTo(500);
        assertThat(failed.getBody()).doesNotContain("ada@example.com");
        assertThat(audience.export("ada@example.com").get().state().name()).isEqualTo("PENDING");

        sender.failWhen(mail -> false);
        assertThat(signUp("ada@example.com").getStatusCode()).isEqualTo(202);
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void signUp_invalid_is422WithPointers_writesNothing_andMailsNothing() throws Exception {
        APIGatewayV2HTTPResponse response = post("/shop/audience",
                "{\"email\":\"not an address\",\"consentTextVersion\":\"v 1\",\"interests\":[\"ok\",\"Not Ok\"],"
                        + "\"homeHubId\":\"Bad Hub\"}");

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/invalid-request");
        assertThat(problem.get("errors").findValuesAsText("pointer"))
                .containsExactly("/email", "/consentTextVersion", "/interests/1", "/homeHubId");
        assertThat(items()).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void signUp_wrongShapes_are422_415_400_andWriteNothing() throws Exception {
        assertThat(post("/shop/audience", "{\"email\":1,\"interests\":\"x\"}").getStatusCode()).isEqualTo(422);
        assertThat(post("/shop/audience", "[]").getStatusCode()).isEqualTo(422);
        assertThat(post("/shop/audience", "{\"email\":").getStatusCode()).isEqualTo(400);
        assertThat(handler.apply(FunctionUrlEvents.request("POST", "/shop/audience", Map.of("content-type",
                "text/plain"), "{}")).getStatusCode()).isEqualTo(415);
        assertThat(post("/shop/audience", "{\"email\":\"" + "a".repeat(5000) + "\"}").getStatusCode()).isEqualTo(413);
        assertThat(items()).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void confirm_withTheMailedToken_subscribes_andAgainStillAnswersSubscribed() throws Exception {
        signUp("ada@example.com");
        String token = token(sender.sent().getFirst());

        APIGatewayV2HTTPResponse first = confirm(token);
        APIGatewayV2HTTPResponse again = confirm(token);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(body(first).get("state").asText()).isEqualTo("subscribed");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(audience.export("ada@example.com")).get().extracting(e -> e.state().name())
                .isEqualTo("SUBSCRIBED");
    }

    @Test
    void confirm_refusedTokens_areLinkInvalid_andChangeNothing() throws Exception {
        signUp("ada@example.com");
        String token = token(sender.sent().getFirst());
        Map<String, AttributeValue> before = items().getFirst();

        APIGatewayV2HTTPResponse forged = confirm(token.substring(0, token.length() - 2) + "xx");
        clock.advance(Audience.DEFAULT_CONFIRM_WINDOW);
        APIGatewayV2HTTPResponse expired = confirm(token);

        assertThat(forged.getStatusCode()).isEqualTo(400);
        assertThat(body(forged).get("type").asText()).isEqualTo("https://microdrop.dev/problems/link-invalid");
        assertThat(body(forged).get("reason").asText()).isEqualTo("forged");
        assertThat(body(expired).get("reason").asText()).isEqualTo("expired");
        assertThat(items()).containsExactly(before);
    }

    @Test
    void unsubscribe_onePost_unsubscribes_idempotently_andGetChangesNothing() throws Exception {
        signUp("ada@example.com");
        confirm(token(sender.sent().getFirst()));
        String link = audience.unsubscribeUrl(new BuyerIds(BUYER_KEY).of("ada@example.com"),
                URI.create("https://api.example/shop/unsubscribe")).toString();
        String token = link.substring(link.indexOf("token=") + 6);

        APIGatewayV2HTTPResponse get = handler.apply(withQuery("GET", "/shop/unsubscribe", token, null));
        assertThat(get.getStatusCode()).isEqualTo(303);
        assertThat(get.getHeaders().get("location")).isEqualTo("https://shop.example/unsubscribe/?token=" + token);
        assertThat(audience.export("ada@example.com").get().state().name()).isEqualTo("SUBSCRIBED");

        APIGatewayV2HTTPResponse post = handler.apply(withQuery("POST", "/shop/unsubscribe", token,
                "List-Unsubscribe=One-Click"));
        APIGatewayV2HTTPResponse again = handler.apply(withQuery("POST", "/shop/unsubscribe", token,
                "List-Unsubscribe=One-Click"));

        assertThat(post.getStatusCode()).isEqualTo(200);
        assertThat(body(post).get("state").asText()).isEqualTo("unsubscribed");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(audience.export("ada@example.com").get().state().name()).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void unsubscribe_withAConfirmationTokenOrNone_isLinkInvalid() throws Exception {
        signUp("ada@example.com");
        String confirmToken = token(sender.sent().getFirst());

        APIGatewayV2HTTPResponse wrong = handler.apply(withQuery("POST", "/shop/unsubscribe", confirmToken, ""));
        APIGatewayV2HTTPResponse none = handler.apply(withQuery("POST", "/shop/unsubscribe", null, ""));

        assertThat(body(wrong).get("reason").asText()).isEqualTo("wrong-purpose");
        assertThat(none.getStatusCode()).isEqualTo(400);
        assertThat(handler.apply(withQuery("GET", "/shop/unsubscribe", null, null)).getStatusCode()).isEqualTo(400);
        assertThat(audience.export("ada@example.com").get().state().name()).isEqualTo("PENDING");
    }

    @Test
    void noKeyOfTheTable_holdsAnAddress() throws Exception {
        signUp("ada@example.com");
        confirm(token(sender.sent().getFirst()));
        signUp("grace@example.com");

        assertThat(items()).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("pk").s()).doesNotContain("@").doesNotContainIgnoringCase("example");
            assertThat(item.get("sk").s()).doesNotContain("@").doesNotContainIgnoringCase("example");
        });
    }

    @Test
    void survey_firstClickIs201_aSecondIs200WithTheFirstScore_badInputChangesNothing() throws Exception {
        String token = new SurveyTokens(BUYER_KEY).issue("neon-runners",
                new BuyerIds(BUYER_KEY).of("ada@example.com"), clock.instant().plusSeconds(3600));

        APIGatewayV2HTTPResponse first = post("/shop/survey", "{\"token\":\"" + token + "\",\"score\":9}");
        APIGatewayV2HTTPResponse second = post("/shop/survey", "{\"token\":\"" + token + "\",\"score\":2}");

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        assertThat(body(first).get("score").asInt()).isEqualTo(9);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(body(second).get("recorded").asBoolean()).isFalse();
        assertThat(body(second).get("score").asInt()).isEqualTo(9);

        for (String hostile : List.of("{\"token\":\"" + token + "\",\"score\":11}",
                "{\"token\":\"" + token + "\",\"score\":\"9\"}", "{\"token\":\"" + token + "\",\"score\":9.5}",
                "{\"token\":\"" + token + "\"}", "{\"score\":9}", "[]")) {
            APIGatewayV2HTTPResponse refused = post("/shop/survey", hostile);
            assertThat(refused.getStatusCode()).as(hostile).isEqualTo(422);
            assertThat(body(refused).get("type").asText()).isEqualTo("https://microdrop.dev/problems/invalid-request");
        }
        APIGatewayV2HTTPResponse forged = post("/shop/survey", "{\"token\":\"s1.AAAA.BBBB\",\"score\":9}");
        assertThat(forged.getStatusCode()).isEqualTo(400);
        assertThat(body(forged).get("type").asText()).isEqualTo("https://microdrop.dev/problems/link-invalid");
        assertThat(surveyRecords.surveys()).singleElement().satisfies(a -> assertThat(a.score()).isEqualTo(9));
        assertThat(items()).as("the audience's table is untouched").isEmpty();
    }

    private APIGatewayV2HTTPResponse signUp(String email) {
        return post("/shop/audience", "{\"email\":\"" + email + "\",\"consentTextVersion\":\"2026-12\","
                + "\"interests\":[\"sneakers\"],\"homeHubId\":\"kreuzberg\"}");
    }

    private APIGatewayV2HTTPResponse confirm(String token) {
        return post("/shop/audience/confirm", "{\"token\":\"" + token + "\"}");
    }

    private APIGatewayV2HTTPResponse post(String path, String body) {
        return handler.apply(FunctionUrlEvents.request("POST", path, Map.of("content-type", "application/json"), body));
    }

    private static APIGatewayV2HTTPEvent withQuery(String method, String path, String token, String body) {
        APIGatewayV2HTTPEvent event = FunctionUrlEvents.request(method, path,
                Map.of("content-type", "application/x-www-form-urlencoded"), body);
        event.setQueryStringParameters(token == null ? Map.of() : Map.of("token", token));
        return event;
    }

    private static String token(RenderedMail mail) {
        Matcher matcher = TOKEN.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return MAPPER.readTree(response.getBody());
    }

    /** Every item but the mail's send records (which the notifier keys by a hash too). */
    private List<Map<String, AttributeValue>> items() {
        return dynamoDb.scan(r -> r.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("MEMBER#")).toList();
    }
}
