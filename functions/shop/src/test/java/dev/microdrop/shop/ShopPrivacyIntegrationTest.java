package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.core.shop.Surveys;
import dev.microdrop.core.notification.SurveyTokens;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.PrivacyRequests;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.RenderedMail;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.RecordingMailSender;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.audience.DynamoDbAudienceMembers;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbBuyerErasure;
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
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shop's privacy doors on DynamoDB Local with the real templates and a recording sender: a link mailed for any
 * address (the same answer either way), the export and the erasure through it, and every refusal problem JSON that
 * changes nothing.
 */
class ShopPrivacyIntegrationTest {

    private static final byte[] BUYER_KEY = "shop-test-buyer-id-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINK_KEY = "shop-test-link-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Pattern LINK = Pattern.compile("privacy/\\?request=(export|erase)&token=([A-Za-z0-9._-]+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

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
        LinkTokens tokens = new LinkTokens(LINK_KEY);
        audience = new Audience(new DynamoDbAudienceMembers(dynamoDb, table), new BuyerIds(BUYER_KEY), tokens,
                Audience.DEFAULT_CONFIRM_WINDOW);
        Notifier notifier = new Notifier(new MustacheMailTemplates().compile(Set.of(NotificationKind.CONFIRM_SIGNUP,
                NotificationKind.PRIVACY_EXPORT, NotificationKind.PRIVACY_ERASE)), sender,
                new DynamoDbSentMail(dynamoDb, table), Consents.none(), new InMemorySuppressions(),
                new SendKeys(BUYER_KEY), clock, Notifier.DEFAULT_LEASE);
        DynamoDbBuyerErasure drops = new DynamoDbBuyerErasure(dynamoDb, table);
        handler = new ShopHandler(audience, new Surveys(surveyRecords, new SurveyTokens(BUYER_KEY), clock),
                new SignUpMails(notifier, URI.create("https://shop.example/subscribe/")),
                URI.create("https://shop.example/unsubscribe/"), Json.mapper(), new Responses(Json.mapper()), clock,
                new ShopHandler.Extras(null,
                new PrivacyRequests(audience, tokens, List.of(drops), List.of(drops), PrivacyRequests.DEFAULT_LINK_WINDOW),
                new PrivacyMails(notifier, URI.create("https://shop.example/privacy/")), null));
    }

    @Test
    void request_answers202_forAMemberAndAStrangerAlike_andMailsEachAddressItsLink() throws Exception {
        audience.signUp("ada@example.com", "2026-11", Set.of(), null, clock.instant());

        APIGatewayV2HTTPResponse member = post("/shop/privacy", "{\"email\":\"Ada@Example.com\",\"request\":\"export\"}");
        APIGatewayV2HTTPResponse stranger = post("/shop/privacy", "{\"email\":\"nobody@example.com\",\"request\":\"export\"}");

        assertThat(member.getStatusCode()).as(member.getBody()).isEqualTo(202);
        assertThat(member.getBody()).isEqualTo(stranger.getBody()).isEqualTo("{\"request\":\"export\",\"state\":\"mailed\"}");
        assertThat(member.getHeaders()).containsEntry("cache-control", "no-store");
        assertThat(sender.sent()).extracting(RenderedMail::to).containsExactly("ada@example.com", "nobody@example.com");
        assertThat(sender.sent().getFirst()).satisfies(mail -> {
            assertThat(mail.kind()).isEqualTo(NotificationKind.PRIVACY_EXPORT);
            assertThat(mail.subject()).isEqualTo("Your data at the shop (link valid until 2026-12-02 10:00 UTC)");
            assertThat(mail.text()).contains("https://shop.example/privacy/?request=export&token=a1.");
        });
    }

    @Test
    void export_throughTheMailedLink_answersWhatIsKept_andChangesNothing() throws Exception {
        audience.signUp("ada@example.com", "2026-11", Set.of("sneakers"), null, clock.instant());
        post("/shop/privacy", "{\"email\":\"ada@example.com\",\"request\":\"export\"}");
        Map<String, Map<String, AttributeValue>> before = scan();

        APIGatewayV2HTTPResponse export = get("/shop/privacy/export", link(sender.sent().getLast(), "export"));

        assertThat(export.getStatusCode()).as(export.getBody()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(export.getBody());
        assertThat(body.at("/member/email").asText()).isEqualTo("ada@example.com");
        assertThat(body.at("/member/state").asText()).isEqualTo("pending");
        assertThat(body.at("/member/interests/0").asText()).isEqualTo("sneakers");
        assertThat(body.get("stores")).isEmpty();
        assertThat(scan()).isEqualTo(before);
    }

    @Test
    void erase_throughTheMailedLink_leavesATombstone_andAgainAnswersAlreadyErased() throws Exception {
        audience.signUp("ada@example.com", "2026-11", Set.of(), null, clock.instant());
        post("/shop/privacy", "{\"email\":\"ada@example.com\",\"request\":\"erase\"}");
        String token = link(sender.sent().getLast(), "erase");
        assertThat(sender.sent().getLast().kind()).isEqualTo(NotificationKind.PRIVACY_ERASE);

        APIGatewayV2HTTPResponse erased = post("/shop/privacy/erase", "{\"token\":\"" + token + "\"}");

        assertThat(erased.getStatusCode()).as(erased.getBody()).isEqualTo(200);
        assertThat(MAPPER.readTree(erased.getBody()).get("audience").asText()).isEqualTo("erased");
        assertThat(MAPPER.readTree(erased.getBody()).at("/stores/0/erased/orders").asInt()).isZero();
        assertThat(scan().toString()).doesNotContain("ada@example.com");
        APIGatewayV2HTTPResponse again = post("/shop/privacy/erase", "{\"token\":\"" + token + "\"}");
        assertThat(MAPPER.readTree(again.getBody()).get("audience").asText()).isEqualTo("already-erased");
    }

    @Test
    void hostileInput_onEveryPrivacyDoor_is4xxProblemJson_andChangesNothing() throws Exception {
        audience.signUp("ada@example.com", "2026-11", Set.of(), null, clock.instant());
        post("/shop/privacy", "{\"email\":\"ada@example.com\",\"request\":\"export\"}");
        post("/shop/privacy", "{\"email\":\"ada@example.com\",\"request\":\"erase\"}");
        String exportToken = link(sender.sent().get(0), "export");
        String eraseToken = link(sender.sent().get(1), "erase");
        Map<String, Map<String, AttributeValue>> before = scan();
        int mailed = sender.sent().size();

        assertProblem(post("/shop/privacy", "{\"email\":\"not an address\",\"request\":\"delete\"}"), 422,
                "invalid-request");
        assertProblem(post("/shop/privacy", "{\"email\":[\"a@example.com\"]}"), 422, "invalid-request");
        assertProblem(post("/shop/privacy", "[1,2]"), 422, "invalid-request");
        assertProblem(post("/shop/privacy", "{\"email\":"), 400, "malformed-json");
        assertProblem(post("/shop/privacy", "{\"email\":\"" + "a".repeat(5_000) + "@example.com\"}"), 413,
                "payload-too-large");
        assertProblem(handler.apply(FunctionUrlEvents.request("POST", "/shop/privacy", Map.of("content-type",
                "text/plain"), "email=ada@example.com")), 415, "unsupported-media-type");
        assertProblem(get("/shop/privacy/export", null), 400, "link-invalid");
        assertProblem(get("/shop/privacy/export", eraseToken), 400, "link-invalid");
        assertProblem(get("/shop/privacy/export", "a1.forged.token"), 400, "link-invalid");
        assertProblem(get("/shop/privacy/export", exportToken.substring(0, exportToken.length() - 3) + "AAA"), 400,
                "link-invalid");
        assertProblem(post("/shop/privacy/erase", "{\"token\":\"" + exportToken + "\"}"), 400, "link-invalid");
        assertProblem(post("/shop/privacy/erase", "{\"token\":42}"), 422, "invalid-request");
        assertProblem(post("/shop/privacy/erase", "{}"), 422, "invalid-request");
        assertProblem(post("/shop/privacy/erase", "{\"token\":\"<script>alert(1)</script>\"}"), 400, "link-invalid");
        clock.advance(Duration.ofHours(24));
        APIGatewayV2HTTPResponse expired = post("/shop/privacy/erase", "{\"token\":\"" + eraseToken + "\"}");
        assertProblem(expired, 400, "link-invalid");
        assertThat(MAPPER.readTree(expired.getBody()).get("reason").asText()).isEqualTo("expired");

        assertThat(scan()).isEqualTo(before);
        assertThat(sender.sent()).hasSize(mailed);
    }

    private void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().get("content-type")).isEqualTo("application/problem+json");
        assertThat(MAPPER.readTree(response.getBody()).get("type").asText()).endsWith("/" + type);
        assertThat(response.getBody()).doesNotContain("ada@example.com");
    }

    private APIGatewayV2HTTPResponse post(String path, String body) {
        return handler.apply(FunctionUrlEvents.request("POST", path, JSON, body));
    }

    private APIGatewayV2HTTPResponse get(String path, String token) {
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event = FunctionUrlEvents.request("GET",
                path, Map.of(), null);
        event.setQueryStringParameters(token == null ? Map.of() : Map.of("token", token));
        return handler.apply(event);
    }

    private static String link(RenderedMail mail, String request) {
        Matcher m = LINK.matcher(mail.text());
        assertThat(m.find()).as(mail.text()).isTrue();
        assertThat(m.group(1)).isEqualTo(request);
        return m.group(2);
    }

    private Map<String, Map<String, AttributeValue>> scan() {
        return dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .collect(java.util.stream.Collectors.toMap(i -> i.get("pk").s() + "|" + i.get("sk").s(), i -> i));
    }
}
