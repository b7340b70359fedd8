package dev.microdrop.cdk;

import static dev.microdrop.cdk.SynthesizedDrop.onlyResource;
import static dev.microdrop.cdk.SynthesizedDrop.texts;
import static dev.microdrop.cdk.SynthesizedShop.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The example shop's synthesized stack ({@code -c shop=neon}), resource group by resource group. */
class ShopStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode RESOURCES = JSON.valueToTree(TEMPLATE.toJSON()).path("Resources");
    private static final List<String> FUNCTIONS = List.of("Shop", "ShopEvents");
    private static final String SECRET = "microdrop-shop/neon";

    // ---- the table

    @Test
    void theApisHostAndTheTablesName_areKeptInSsm_forItsDrops() {
        TEMPLATE.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/microdrop/shop/neon/api-domain",
                "Type", "String"));
        TEMPLATE.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/microdrop/shop/neon/table-name",
                "Type", "String"));
    }

    @Test
    void table_hasTheDropsKeySchema_onDemandWithPitrDeletionProtectionAndRetained() {
        TEMPLATE.resourceCountIs("AWS::DynamoDB::Table", 1);
        TEMPLATE.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true,
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE"))))));
    }

    @Test
    void table_hasTheAudienceIndexGsi2_withEveryAttribute() {
        TEMPLATE.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "gsi2pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi2sk", "AttributeType", "S"))),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "gsi2",
                        "KeySchema", List.of(Map.of("AttributeName", "gsi2pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "gsi2sk", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")))));
    }

    // ---- the bus, the configuration set, the queue and the rules

    @Test
    void bus_isNamedForTheShop_andThisAccountMayPutEventsOnIt() {
        TEMPLATE.resourceCountIs("AWS::Events::EventBus", 1);
        TEMPLATE.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "microdrop-shop-neon"));
        JsonNode policy = onlyResource(RESOURCES, "AWS::Events::EventBusPolicy", ".*");
        JsonNode statement = policy.path("Properties").path("Statement");
        assertThat(texts(statement.path("Action"))).containsExactly("events:PutEvents");
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        // arn:<partition>:iam::<this account>:root, and nobody else.
        assertThat(statement.path("Principal").path("AWS").toString()).contains(":iam::").contains("AWS::AccountId")
                .contains(":root");
        assertThat(statement.path("Resource").path("Fn::GetAtt").path(0).asText()).startsWith("ShopBus");
    }

    @Test
    void sesConfigurationSet_publishesBouncesAndComplaints_toTheDefaultBus() {
        TEMPLATE.hasResourceProperties("AWS::SES::ConfigurationSet", Map.of("Name", "microdrop-shop-neon"));
        JsonNode destination = onlyResource(RESOURCES, "AWS::SES::ConfigurationSetEventDestination", ".*")
                .path("Properties");
        assertThat(destination.path("ConfigurationSetName").path("Ref").asText()).startsWith("MailConfigurationSet");
        JsonNode definition = destination.path("EventDestination");
        assertThat(definition.path("Enabled").asBoolean()).isTrue();
        assertThat(texts(definition.path("MatchingEventTypes"))).containsExactly("BOUNCE", "COMPLAINT");
        assertThat(definition.path("EventBridgeDestination").path("EventBusArn").toString())
                .contains(":events:").endsWith(":event-bus/default\"]]}");
    }

    @Test
    void shopEventsQueue_isEncryptedSslOnly_withItsDlqAfter5Receives_andAVisibilityTimeoutAboveTheMailLease() {
        JsonNode queue = onlyResource(RESOURCES, "AWS::SQS::Queue", "ShopEventsQueue[0-9A-F]{8}").path("Properties");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(queue.path("VisibilityTimeout").asInt()).isEqualTo(180);
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText())
                .startsWith("ShopEventsDeadLetterQueue");
        JsonNode deadLetters = onlyResource(RESOURCES, "AWS::SQS::Queue", "ShopEventsDeadLetterQueue[0-9A-F]{8}")
                .path("Properties");
        assertThat(deadLetters.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(deadLetters.path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
        for (String queueId : List.of("ShopEventsQueue", "ShopEventsDeadLetterQueue")) {
            String policy = onlyResource(RESOURCES, "AWS::SQS::QueuePolicy", queueId + "Policy[0-9A-F]{8}").toString();
            assertThat(policy).as(queueId).contains("\"aws:SecureTransport\":\"false\"").contains("\"Deny\"");
        }
    }

    @Test
    void everyAlarm_notifiesTheEncryptedAlarmTopic_andTheDeadLetterAlarmSaysWhenItIsOkAgain() {
        JsonNode topic = onlyResource(RESOURCES, "AWS::SNS::Topic", "AlarmTopic[0-9A-F]{8}").path("Properties");
        assertThat(topic.path("KmsMasterKeyId").path("Fn::GetAtt").path(0).asText()).startsWith("AlarmTopicKey");
        Map<String, Map<String, Object>> alarms = TEMPLATE.findResources("AWS::CloudWatch::Alarm");
        // Errors and throttles of both functions, and the dead letters.
        assertThat(alarms).hasSize(2 * FUNCTIONS.size() + 1);
        alarms.forEach((id, alarm) -> {
            JsonNode properties = JSON.valueToTree(alarm).path("Properties");
            assertThat(properties.path("AlarmActions").path(0).path("Ref").asText()).as(id).startsWith("AlarmTopic");
            assertThat(properties.has("OKActions")).as(id).isEqualTo(id.startsWith("ShopEventsDeadLetterQueueDepthAlarm"));
        });
        Template withEmail = Template.fromStack(SynthesizedShop.stack(Map.of("alarmEmail", "ops@neon.example")));
        withEmail.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "ops@neon.example"));
    }

    @Test
    void dropEventsRule_onTheShopsBus_takesWhatTheShopKeeps_asItsFileSays_intoShopEvents() throws IOException {
        JsonNode file = JSON.readTree(SynthesizedDrop.ROOT.resolve("events/shop-rules/drop-events.json").toFile());
        JsonNode rule = rule("drop-events");
        assertThat(rule.path("EventPattern")).isEqualTo(file.path("eventPattern"));
        assertThat(rule.path("EventPattern").path("source").toString()).isEqualTo("[\"microdrop\"]");
        assertThat(rule.path("EventPattern").path("detail-type").toString())
                .contains("\"DropPublished\"", "\"OrderPaid\"", "\"PickupCollected\"", "\"OrderShipped\"", "\"SoldOut\"",
                        "\"BackInStock\"");
        assertThat(rule.path("EventBusName").path("Ref").asText()).startsWith("ShopBus");
        assertThat(rule.path("Targets").path(0).path("Arn").path("Fn::GetAtt").path(0).asText())
                .startsWith("ShopEventsQueue");
    }

    @Test
    void mailFeedbackRule_onTheDefaultBus_takesSesBouncesAndComplaintsOfTheShopsSetOnly_intoShopEvents() {
        JsonNode rule = rule("microdrop-shop-neon-mail-feedback");
        assertThat(rule.path("EventBusName").asText()).isEqualTo("default");
        JsonNode pattern = rule.path("EventPattern");
        assertThat(texts(pattern.path("source"))).containsExactly("aws.ses");
        assertThat(texts(pattern.path("detail-type"))).containsExactly("Email Bounced", "Email Complaint Received");
        assertThat(texts(pattern.path("detail").path("mail").path("tags").path("ses:configuration-set")))
                .containsExactly("microdrop-shop-neon");
        assertThat(rule.path("Targets").path(0).path("Arn").path("Fn::GetAtt").path(0).asText())
                .startsWith("ShopEventsQueue");
    }

    @Test
    void shopEventsQueue_acceptsMessagesFromItsTwoRulesOnly() {
        JsonNode statements = onlyResource(RESOURCES, "AWS::SQS::QueuePolicy", "ShopEventsQueuePolicy[0-9A-F]{8}")
                .path("Properties").path("PolicyDocument").path("Statement");
        List<String> sources = new ArrayList<>();
        statements.forEach(statement -> {
            if (statement.path("Effect").asText().equals("Allow")) {
                assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
                assertThat(texts(statement.path("Action"))).containsExactly("sqs:SendMessage");
                sources.add(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::GetAtt")
                        .path(0).asText());
            }
        });
        assertThat(sources).hasSize(2).anyMatch(id -> id.startsWith("DropEventsRule"))
                .anyMatch(id -> id.startsWith("MailFeedbackRule"));
    }

    // ---- functions

    @Test
    void twoFunctions_ofFunctionsShop_java21SnapStartOnTheAliasLive() {
        assertThat(TEMPLATE.findResources("AWS::Lambda::Function")).hasSize(FUNCTIONS.size());
        assertThat(TEMPLATE.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of("Name", "live"))))
                .hasSize(FUNCTIONS.size());
        for (String name : FUNCTIONS) {
            JsonNode properties = function(name).path("Properties");
            assertThat(properties.path("Runtime").asText()).as(name).isEqualTo("java21");
            assertThat(properties.path("Handler").asText()).as(name).isEqualTo(SnapStartFunction.HANDLER);
            assertThat(properties.path("SnapStart").path("ApplyOn").asText()).as(name).isEqualTo("PublishedVersions");
            assertThat(properties.path("Description").asText()).as(name).endsWith("secrets revision 1");
        }
        assertThat(environment("Shop").path("SPRING_CLOUD_FUNCTION_DEFINITION").asText()).isEqualTo("shop");
        assertThat(environment("ShopEvents").path("SPRING_CLOUD_FUNCTION_DEFINITION").asText()).isEqualTo("shopEvents");
    }

    @Test
    void environment_theShopsTableKeysStorefrontAndMail_theKeysAsReferencesToTheShopsSecret() {
        for (String name : FUNCTIONS) {
            JsonNode environment = environment(name);
            List<String> variables = new ArrayList<>();
            environment.fieldNames().forEachRemaining(variables::add);
            List<String> expected = new ArrayList<>(List.of("MAIN_CLASS", "SPRING_CLOUD_FUNCTION_DEFINITION",
                    "JAVA_TOOL_OPTIONS", "MICRODROP_TABLE", "MICRODROP_BUYER_ID_KEY", "MICRODROP_SHOP_LINK_KEY",
                    "MICRODROP_SHOP_STOREFRONT_URL", "MICRODROP_SHOP_DROP_TABLE_PREFIX", "MICRODROP_MAIL_FROM",
                    "MICRODROP_MAIL_CONFIGURATION_SET", "MICRODROP_MAIL_RATE", "MICRODROP_SHOP_API_DOMAIN_PARAMETER",
                    "MICRODROP_MERCHANT_ID", "MICRODROP_MERCHANT_KEYS"));
            if (name.equals("ShopEvents")) {
                expected.add("MICRODROP_SHOP_EVENTS_QUEUE_URL");
            }
            assertThat(variables).as(name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(environment.path("MAIN_CLASS").asText()).isEqualTo("dev.microdrop.shop.ShopApplication");
            assertThat(environment.path("MICRODROP_TABLE").path("Ref").asText()).as(name).startsWith("ShopTable");
            assertThat(environment.path("MICRODROP_BUYER_ID_KEY").toString()).as(name)
                    .contains("{{resolve:secretsmanager:" + SECRET + ":SecretString:buyerIdKey::}}");
            assertThat(environment.path("MICRODROP_SHOP_LINK_KEY").toString()).as(name)
                    .contains("{{resolve:secretsmanager:" + SECRET + ":SecretString:linkKey::}}");
            assertThat(environment.path("MICRODROP_SHOP_STOREFRONT_URL").asText()).isEqualTo(SynthesizedShop.STOREFRONT_URL);
            assertThat(environment.path("MICRODROP_SHOP_DROP_TABLE_PREFIX").asText()).isEqualTo("microdrop.neon.");
            assertThat(environment.path("MICRODROP_MAIL_FROM").asText()).isEqualTo(SynthesizedDrop.MAIL_FROM);
            assertThat(environment.path("MICRODROP_MAIL_CONFIGURATION_SET").asText()).isEqualTo("microdrop-shop-neon");
            assertThat(environment.path("MICRODROP_MAIL_RATE").asText()).isEqualTo("10");
            assertThat(environment.path("MICRODROP_SHOP_API_DOMAIN_PARAMETER").asText())
                    .isEqualTo("/microdrop/shop/neon/api-domain");
            assertThat(environment.path("MICRODROP_MERCHANT_ID").asText()).isEqualTo("neon");
            assertThat(environment.path("MICRODROP_MERCHANT_KEYS").toString()).as(name)
                    .contains("neon={{resolve:secretsmanager:" + SECRET + ":SecretString:merchantKey::}}");
        }
    }

    @Test
    void bothFunctions_readTheApisHostFromItsParameterOnly() {
        for (String name : FUNCTIONS) {
            List<JsonNode> ssm = statements(name, s -> s.path("Action").toString().contains("ssm:"));
            assertThat(ssm).as(name).hasSize(1);
            assertThat(texts(ssm.getFirst().path("Action"))).as(name).containsExactly("ssm:GetParameter");
            assertThat(ssm.getFirst().path("Resource").toString()).as(name)
                    .endsWith(":parameter/microdrop/shop/neon/api-domain\"]]}");
        }
    }

    @Test
    void shopEvents_consumeTheQueueOnTheAlias_oneMessageAtATime_reportingBatchItemFailures_reservedToOneEnvironment() {
        TEMPLATE.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        JsonNode mapping = onlyResource(RESOURCES, "AWS::Lambda::EventSourceMapping", "ShopEventsLive.*")
                .path("Properties");
        assertThat(mapping.path("EventSourceArn").path("Fn::GetAtt").path(0).asText()).startsWith("ShopEventsQueue");
        assertThat(mapping.path("FunctionName").toString()).contains("ShopEventsLive");
        assertThat(mapping.path("BatchSize").asInt()).as("a page of 40 mails per invocation").isEqualTo(1);
        assertThat(texts(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(function("ShopEvents").path("Properties").path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
        assertThat(function("Shop").path("Properties").has("ReservedConcurrentExecutions")).isFalse();
    }

    @Test
    void shopEvents_alone_mayPutAPublicationsPagesOnItsOwnQueue_whoseUrlItKnows() {
        assertThat(environment("ShopEvents").path("MICRODROP_SHOP_EVENTS_QUEUE_URL").path("Ref").asText())
                .startsWith("ShopEventsQueue");
        List<JsonNode> send = statements("ShopEvents", s -> s.path("Action").toString().contains("sqs:SendMessage"));
        assertThat(send).singleElement().satisfies(statement -> {
            assertThat(texts(statement.path("Action"))).containsExactly("sqs:SendMessage");
            assertThat(statement.path("Resource").path("Fn::GetAtt").path(0).asText()).startsWith("ShopEventsQueue");
            assertThat(statement.path("Resource").path("Fn::GetAtt").path(0).asText())
                    .doesNotStartWith("ShopEventsDeadLetterQueue");
        });
        assertThat(statements("Shop", s -> s.path("Action").toString().contains("sqs:"))).isEmpty();
    }

    @Test
    void theShopsUrl_isOpen_withCorsForTheStorefrontsOriginOnly() {
        TEMPLATE.resourceCountIs("AWS::Lambda::Url", 1);
        JsonNode url = onlyResource(RESOURCES, "AWS::Lambda::Url", "ShopLive.*").path("Properties");
        assertThat(url.path("AuthType").asText()).isEqualTo("NONE");
        assertThat(texts(url.path("Cors").path("AllowOrigins"))).containsExactly("https://shop.neon-runners.example");
        assertThat(texts(url.path("Cors").path("AllowMethods"))).containsExactlyInAnyOrder("GET", "POST");
        assertThat(url.path("TargetFunctionArn").toString()).contains("ShopFunction");
        assertThat(url.path("Qualifier").asText()).isEqualTo("live");
    }

    // ---- least privilege

    @Test
    void bothFunctions_readAndWriteTheShopsTable_queryGsi2ByName_neverScanNorAWildcardAction() {
        for (String name : FUNCTIONS) {
            List<JsonNode> onTable = statements(name, s -> s.path("Resource").toString().contains("ShopTable"));
            assertThat(onTable).as(name).hasSize(2);
            JsonNode items = onTable.stream().filter(s -> s.path("Resource").has("Fn::GetAtt")).findFirst().orElseThrow();
            assertThat(texts(items.path("Action"))).as(name).containsExactlyInAnyOrderElementsOf(ShopStack.TABLE_ACTIONS)
                    .doesNotContain("dynamodb:Scan");
            JsonNode index = onTable.stream().filter(s -> s.path("Resource").has("Fn::Join")).findFirst().orElseThrow();
            assertThat(texts(index.path("Action"))).as(name).containsExactly("dynamodb:Query");
            assertThat(index.path("Resource").toString()).as(name).endsWith("\"/index/gsi2\"]]}");
            statements(name, s -> true).forEach(statement -> assertThat(texts(statement.path("Action"))).as(name)
                    .noneMatch(action -> action.equals("*") || action.endsWith(":*")));
            statements(name, s -> true).forEach(statement -> assertThat(texts(statement.path("Resource"))).as(name)
                    .doesNotContain("*"));
        }
    }

    @Test
    void bothFunctions_sendMailOnlyAsTheSendersIdentity_throughTheShopsConfigurationSet() {
        for (String name : FUNCTIONS) {
            List<JsonNode> ses = statements(name, s -> s.path("Action").toString().contains("ses:"));
            assertThat(ses).as(name).hasSize(1);
            assertThat(texts(ses.getFirst().path("Action"))).as(name).containsExactly("ses:SendEmail");
            assertThat(ses.getFirst().path("Resource").toString()).as(name)
                    .contains(":identity/orders@neon-runners.example\"", ":identity/neon-runners.example\"",
                            ":configuration-set/microdrop-shop-neon\"")
                    .doesNotContain("*");
        }
    }

    @Test
    void onlyTheShop_mayEraseInItsDropsTables_namedWithTheShopsPrefix_withQueryUpdateAndDeleteOnly() {
        List<JsonNode> erasure = statements("Shop", s -> s.path("Resource").toString().contains(":table/"));
        assertThat(erasure).hasSize(1);
        assertThat(texts(erasure.getFirst().path("Action")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem");
        assertThat(erasure.getFirst().path("Resource").toString()).contains(":dynamodb:")
                .endsWith(":table/microdrop.neon.*\"]]}");
        assertThat(statements("ShopEvents", s -> s.path("Resource").toString().contains(":table/"))).isEmpty();
        assertThat(ShopStack.dropTableName("neon", "neon-runners")).startsWith(ShopStack.dropTablePrefix("neon"));
    }

    // ---- the app

    @Test
    void theStack_isNamedForTheShop_andOutputsItsUrlBusAndTable() {
        assertThat(SynthesizedShop.STACK.getStackName()).isEqualTo("microdrop-shop-neon");
        Map<String, Map<String, Object>> outputs = TEMPLATE.findOutputs("*");
        assertThat(outputs).containsKeys("ShopUrl", "ShopBusArn", "ShopTableName", "MailConfigurationSetName",
                "ShopEventsDeadLetterQueueUrl", "AlarmTopicArn");
    }

    @Test
    void storefrontOrigins_fromTheContext_replaceTheStorefrontUrlsOrigin() {
        Template configured = Template.fromStack(SynthesizedShop.stack(Map.of(
                "storefrontOrigins", "https://neon.example, https://www.neon.example")));
        JsonNode resources = JSON.valueToTree(configured.toJSON()).path("Resources");
        JsonNode url = onlyResource(resources, "AWS::Lambda::Url", "ShopLive.*").path("Properties");
        assertThat(texts(url.path("Cors").path("AllowOrigins")))
                .containsExactly("https://neon.example", "https://www.neon.example");
    }

    @Test
    void reservedConcurrencyOff_reservesNothingForShopEvents() {
        Template off = Template.fromStack(SynthesizedShop.stack(Map.of("reservedConcurrency", "off")));
        JsonNode resources = JSON.valueToTree(off.toJSON()).path("Resources");
        assertThat(onlyResource(resources, "AWS::Lambda::Function", "ShopEventsFunction[0-9A-F]{8}")
                .path("Properties").has("ReservedConcurrentExecutions")).isFalse();
    }

    @Test
    void synth_refusesABadShopName_noStorefront_aPlainHttpOrigin_orAConfigurationSetOfItsOwn() {
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("shop", "Neon.Shop")))
                .hasMessageContaining("shop Neon.Shop is not a shop name");
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("shop", "a".repeat(33))))
                .hasMessageContaining("at most 32 characters");
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("storefrontUrl", " ")))
                .hasMessageContaining("storefrontUrl is required");
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("storefrontOrigins", "http://neon.example")))
                .hasMessageContaining("shopOrigins http://neon.example is not an https origin");
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("mailConfigurationSet", "mine")))
                .hasMessageContaining("the shop's stack makes its own, microdrop-shop-neon");
        assertThatThrownBy(() -> SynthesizedShop.stack(Map.of("mailFrom", " ")))
                .hasMessageContaining("mailFrom is required");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode rule(String name) {
        Map<String, Map<String, Object>> found = TEMPLATE.findResources("AWS::Events::Rule",
                Map.of("Properties", Match.objectLike(Map.of("Name", name))));
        assertThat(found).as(name).hasSize(1);
        return JSON.valueToTree(found.values().iterator().next()).path("Properties");
    }

    private static JsonNode function(String name) {
        return onlyResource(RESOURCES, "AWS::Lambda::Function", name + "Function[0-9A-F]{8}");
    }

    private static JsonNode environment(String name) {
        return function(name).path("Properties").path("Environment").path("Variables");
    }

    private static List<JsonNode> statements(String name, java.util.function.Predicate<JsonNode> filter) {
        List<JsonNode> found = new ArrayList<>();
        onlyResource(RESOURCES, "AWS::IAM::Policy", name + "RoleDefaultPolicy[0-9A-F]{8}")
                .path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
                    if (filter.test(statement)) {
                        found.add(statement);
                    }
                });
        return found;
    }
}
