package dev.microdrop.cdk;

import static dev.microdrop.cdk.SynthesizedDrop.MANIFEST;
import static dev.microdrop.cdk.SynthesizedDrop.ROOT;
import static dev.microdrop.cdk.SynthesizedDrop.TEMPLATE;
import static dev.microdrop.cdk.SynthesizedDrop.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Wave;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** The example drop's synthesized stack, resource group by resource group. */
class DropStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode RESOURCES = JSON.valueToTree(TEMPLATE.toJSON()).path("Resources");

    private static final Set<String> FUNCTIONS = Set.of("Catalog", "Checkout", "PaymentsWebhook", "HoldExpiry",
            "Fulfilment", "WaitlistClaims", "Merchant", "Waves", "OutboxRelay", "Notifications");
    private static final Set<String> WRITERS = Set.of("Checkout", "PaymentsWebhook", "HoldExpiry", "WaitlistClaims",
            "Merchant", "Waves");
    private static final Set<String> WRITE_ACTIONS = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    // ---- the table

    @Test
    void table_isOnDemandWithPitrTtlStreamDeletionProtectionAndRetained() {
        TEMPLATE.resourceCountIs("AWS::DynamoDB::Table", 1);
        TEMPLATE.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                        "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                        "DeletionProtectionEnabled", true,
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE"))))));
    }

    @Test
    void table_hasTheSparseOrdersByDropIndex() {
        TEMPLATE.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi1sk", "AttributeType", "S"))),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "gsi1",
                        "KeySchema", List.of(Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "INCLUDE",
                                "NonKeyAttributes", DropStack.ORDERS_BY_DROP_PROJECTION)))));
    }

    // ---- functions

    @Test
    void everyFunction_isJava21OnFunctionInvokerWithSnapStartJsonLogsAndItsSizing() {
        Map<String, Map<String, Object>> functions = TEMPLATE.findResources("AWS::Lambda::Function");
        // Ours, and CDK's BucketDeployment provider that deploys the pages.
        assertThat(functions).hasSize(FUNCTIONS.size() + 1);
        assertThat(functions.keySet()).filteredOn(id -> id.startsWith("CustomCDKBucketDeployment")).hasSize(1);
        for (String name : FUNCTIONS) {
            JsonNode properties = function(name).path("Properties");
            assertThat(properties.path("Runtime").asText()).as(name).isEqualTo("java21");
            assertThat(properties.path("Handler").asText()).as(name).isEqualTo(SnapStartFunction.HANDLER);
            assertThat(properties.path("SnapStart").path("ApplyOn").asText()).as(name).isEqualTo("PublishedVersions");
            assertThat(properties.path("MemorySize").asInt()).as(name).isEqualTo(1024);
            assertThat(properties.path("Timeout").asInt()).as(name).isEqualTo(10);
            assertThat(properties.path("LoggingConfig").path("LogFormat").asText()).as(name).isEqualTo("JSON");
            String logGroup = properties.path("LoggingConfig").path("LogGroup").path("Ref").asText();
            assertThat(RESOURCES.path(logGroup).path("Properties").path("RetentionInDays").asInt()).as(name)
                    .isEqualTo(30);
            JsonNode environment = properties.path("Environment").path("Variables");
            assertThat(environment.has("MAIN_CLASS")).as(name).isTrue();
            assertThat(environment.has("SPRING_CLOUD_FUNCTION_DEFINITION")).as(name).isTrue();
            assertThat(environment.path("MICRODROP_TABLE").path("Ref").asText()).as(name).startsWith("DropTable");
        }
    }

    @Test
    void everyFunction_hasTheAliasLive_onAPublishedVersion() {
        Map<String, Map<String, Object>> aliases = TEMPLATE.findResources("AWS::Lambda::Alias",
                Map.of("Properties", Map.of("Name", "live")));
        assertThat(aliases).hasSize(FUNCTIONS.size());
        JsonNode anAlias = JSON.valueToTree(aliases.values().iterator().next());
        String version = anAlias.path("Properties").path("FunctionVersion").path("Fn::GetAtt").path(0).asText();
        assertThat(RESOURCES.path(version).path("Type").asText()).isEqualTo("AWS::Lambda::Version");
    }

    @Test
    void secrets_areSecretsManagerReferences_neverPlaintext() {
        for (String name : FUNCTIONS) {
            function(name).path("Properties").path("Environment").path("Variables").properties().forEach(variable -> {
                if (variable.getKey().endsWith("_KEY") || variable.getKey().contains("SECRET")) {
                    assertThat(variable.getValue().toString()).as("%s %s", name, variable.getKey())
                            .contains("{{resolve:secretsmanager:")
                            .contains("microdrop/neon-runners");
                }
            });
        }
    }

    @Test
    void everyFunctionsDescription_carriesTheSecretsRevision_soAnUpdatedSecretIsResolvedAgain() {
        for (String name : FUNCTIONS) {
            assertThat(function(name).path("Properties").path("Description").asText()).as(name)
                    .endsWith("secrets revision 1");
        }
    }

    // ---- function URLs

    @Test
    void urls_catalogAndCheckoutArePublicWithTheManifestsOrigins_merchantAndWebhookOpenWithoutCors() {
        List<String> origins = MANIFEST.storefront().orElseThrow().origins();
        assertThat(origins).isNotEmpty();
        Map<String, JsonNode> urls = new java.util.TreeMap<>();
        TEMPLATE.findResources("AWS::Lambda::Url").forEach((id, url) -> urls.put(id, JSON.valueToTree(url)));
        assertThat(urls).hasSize(4);

        JsonNode catalog = url(urls, "Catalog");
        assertThat(catalog.path("AuthType").asText()).isEqualTo("NONE");
        assertThat(texts(catalog.path("Cors").path("AllowOrigins"))).containsExactlyElementsOf(origins);
        assertThat(texts(catalog.path("Cors").path("AllowMethods"))).containsExactly("GET");
        JsonNode checkout = url(urls, "Checkout");
        assertThat(checkout.path("AuthType").asText()).isEqualTo("NONE");
        assertThat(texts(checkout.path("Cors").path("AllowOrigins"))).containsExactlyElementsOf(origins);
        assertThat(texts(checkout.path("Cors").path("AllowMethods"))).containsExactlyInAnyOrder("GET", "POST");
        assertThat(texts(checkout.path("Cors").path("AllowHeaders"))).contains("idempotency-key");
        // The merchant function admits only its key or a verified sign-in token; the dashboard calls it on its origin.
        assertThat(url(urls, "Merchant").path("AuthType").asText()).isEqualTo("NONE");
        assertThat(url(urls, "Merchant").has("Cors")).isFalse();
        JsonNode webhook = url(urls, "PaymentsWebhook");
        assertThat(webhook.path("AuthType").asText()).isEqualTo("NONE");
        assertThat(webhook.has("Cors")).isFalse();
        // Every URL is on the alias, so it runs the SnapStart version.
        urls.values().forEach(url -> assertThat(url.path("Properties").path("Qualifier").asText()).isEqualTo("live"));
    }

    // ---- CloudFront: the pages and the API on one origin (DropEdgeTest has the rest)

    @Test
    void catalogBehaviour_honoursTheOriginsCacheControl_andPassesIfNoneMatch() {
        TEMPLATE.hasResourceProperties("AWS::CloudFront::CachePolicy", Map.of("CachePolicyConfig", Match.objectLike(Map.of(
                "MinTTL", 0,
                "DefaultTTL", 0,
                "MaxTTL", 60,
                "ParametersInCacheKeyAndForwardedToOrigin", Match.objectLike(Map.of(
                        "HeadersConfig", Map.of("HeaderBehavior", "whitelist", "Headers", List.of("Origin")),
                        "QueryStringsConfig", Map.of("QueryStringBehavior", "none")))))));
    }

    // ---- events

    @Test
    void everyRule_hasThePatternOfItsFile_andTargetsItsQueue() throws IOException {
        Path rules = ROOT.resolve("events/rules");
        List<Path> files;
        try (var list = Files.list(rules)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        TEMPLATE.resourceCountIs("AWS::Events::Rule", files.size());
        for (Path file : files) {
            JsonNode ruleFile = JSON.readTree(file.toFile());
            String name = ruleFile.path("name").asText();
            JsonNode rule = single("AWS::Events::Rule", Map.of("Properties", Map.of("Name", name)));
            assertThat(rule.path("Properties").path("EventPattern")).as(name).isEqualTo(ruleFile.path("eventPattern"));
            String target = rule.path("Properties").path("Targets").path(0).path("Arn").path("Fn::GetAtt").path(0).asText();
            assertThat(target).as(name).startsWith(DropStack.pascalCase(ruleFile.path("target").asText()));
        }
    }

    @Test
    void bus_hasAnArchiveOf30Days() {
        TEMPLATE.resourceCountIs("AWS::Events::EventBus", 1);
        TEMPLATE.hasResourceProperties("AWS::Events::Archive", Map.of("RetentionDays", 30,
                "SourceArn", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn")))))); 
    }

    // ---- waves

    @Test
    void oneSchedulePerWave_atTheManifestsTimes_targetingTheWavesAlias_withRetriesAndTheDlq() throws IOException {
        Drop drop = MANIFEST.toDrop();
        List<Wave> waves = drop.wavePlan().waves();
        TEMPLATE.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "microdrop-neon-runners"));
        TEMPLATE.resourceCountIs("AWS::Scheduler::Schedule", waves.size());
        // Berlin is UTC+1 in December. Wave 1 goes out when the insiders' window opens (09:30, 30 minutes before the
        // public sale), so they buy from its reserved share; then 10:30 and 12:00.
        List<String> expected = List.of("at(2026-12-05T08:30:00)", "at(2026-12-05T09:30:00)", "at(2026-12-05T11:00:00)");
        for (Wave wave : waves) {
            JsonNode schedule = single("AWS::Scheduler::Schedule",
                    Map.of("Properties", Match.objectLike(Map.of("Name", "wave-" + wave.number()))));
            JsonNode properties = schedule.path("Properties");
            assertThat(properties.path("GroupName").asText()).isEqualTo("microdrop-neon-runners");
            assertThat(properties.path("ScheduleExpression").asText()).isEqualTo(expected.get(wave.number() - 1));
            assertThat(properties.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
            JsonNode target = properties.path("Target");
            assertThat(JSON.readTree(target.path("Input").asText()))
                    .isEqualTo(JSON.createObjectNode().put("dropId", "neon-runners").put("wave", wave.number()));
            assertThat(target.path("Arn").path("Ref").asText()).startsWith("WavesLive");
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
            assertThat(target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").path(0).asText())
                    .startsWith("WaveScheduleDeadLetterQueue");
            assertThat(target.path("RoleArn").path("Fn::GetAtt").path(0).asText()).startsWith("WaveSchedulerRole");
        }
    }

    @Test
    void schedulerRole_mayOnlyInvokeTheWavesAlias_andSendToItsDlq() {
        JsonNode statements = policyOf("WaveSchedulerRole").path("Properties").path("PolicyDocument").path("Statement");
        List<String> actions = new ArrayList<>();
        statements.forEach(statement -> {
            actions.addAll(texts(statement.path("Action")));
            if (texts(statement.path("Action")).contains("lambda:InvokeFunction")) {
                statement.path("Resource").forEach(resource -> assertThat(resource.toString()).contains("WavesLive"));
            } else {
                assertThat(statement.path("Resource").toString()).contains("WaveScheduleDeadLetterQueue");
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("lambda:InvokeFunction", "sqs:SendMessage",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        TEMPLATE.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of(
                "Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Match.objectLike(Map.of("StringEquals", Match.anyValue()))))),
                "Version", "2012-10-17")));
    }

    // ---- queues and event sources

    @Test
    void everyQueue_isEncryptedAndSslOnly_sourceQueuesHaveADlqAndSixTimesTheTimeout() {
        Map<String, Map<String, Object>> queues = TEMPLATE.findResources("AWS::SQS::Queue");
        assertThat(queues).hasSize(10);
        queues.forEach((id, queue) -> {
            JsonNode properties = JSON.valueToTree(queue).path("Properties");
            assertThat(properties.path("SqsManagedSseEnabled").asBoolean()).as(id).isTrue();
            if (id.contains("DeadLetter")) {
                assertThat(properties.path("MessageRetentionPeriod").asInt()).as(id).isEqualTo(1_209_600);
            } else {
                // The notifications queue's outlasts the mail's 2-minute send lease (DropStack says why).
                assertThat(properties.path("VisibilityTimeout").asInt()).as(id)
                        .isEqualTo(id.startsWith("NotificationsQueue") ? 180 : 60);
                assertThat(properties.path("RedrivePolicy").path("maxReceiveCount").asInt()).as(id).isPositive();
            }
        });
        // enforceSsl: each queue's policy denies requests without TLS.
        assertThat(TEMPLATE.findResources("AWS::SQS::QueuePolicy")).hasSize(10);
    }

    @Test
    void sqsSources_reportBatchItemFailures_onTheAlias() {
        Map<String, Map<String, Object>> mappings = TEMPLATE.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(5);
        mappings.forEach((id, mapping) -> {
            JsonNode properties = JSON.valueToTree(mapping).path("Properties");
            assertThat(texts(properties.path("FunctionResponseTypes"))).as(id).containsExactly("ReportBatchItemFailures");
            assertThat(properties.path("FunctionName").toString()).as(id).contains("Live");
        });
    }

    @Test
    void outboxRelay_readsTheStream_bisectingRetryingAndRecordingFailures() {
        JsonNode properties = single("AWS::Lambda::EventSourceMapping",
                Map.of("Properties", Match.objectLike(Map.of("StartingPosition", "TRIM_HORIZON")))).path("Properties");

        assertThat(properties.path("EventSourceArn").path("Fn::GetAtt").path(1).asText()).isEqualTo("StreamArn");
        assertThat(properties.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(properties.path("MaximumRetryAttempts").asInt()).isEqualTo(10);
        assertThat(texts(properties.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(properties.path("DestinationConfig").path("OnFailure").path("Destination").toString())
                .contains("OutboxRelayDeadLetterQueue");
        assertThat(properties.path("FunctionName").toString()).contains("OutboxRelayLive");
    }

    // ---- alarms and dashboard

    @Test
    void alarms_onEveryDlqsDepth_andEveryFunctionsErrorsAndThrottles() {
        Map<String, Map<String, Object>> alarms = TEMPLATE.findResources("AWS::CloudWatch::Alarm");
        List<String> dlqAlarms = new ArrayList<>();
        Set<String> errorAlarms = new TreeSet<>();
        Set<String> throttleAlarms = new TreeSet<>();
        alarms.forEach((id, alarm) -> {
            JsonNode properties = JSON.valueToTree(alarm).path("Properties");
            assertThat(properties.path("Threshold").asInt()).as(id).isZero();
            assertThat(properties.path("ComparisonOperator").asText()).as(id).isEqualTo("GreaterThanThreshold");
            switch (properties.path("MetricName").asText()) {
                case "ApproximateNumberOfMessagesVisible" -> dlqAlarms.add(properties.path("Dimensions").toString());
                case "Errors" -> errorAlarms.add(properties.path("Dimensions").toString());
                case "Throttles" -> throttleAlarms.add(properties.path("Dimensions").toString());
                default -> throw new AssertionError(id + " alarms on " + properties.path("MetricName"));
            }
        });
        assertThat(dlqAlarms).hasSize(6).allSatisfy(d -> assertThat(d).contains("DeadLetterQueue"));
        assertThat(errorAlarms).hasSize(FUNCTIONS.size());
        assertThat(throttleAlarms).hasSize(FUNCTIONS.size());
        TEMPLATE.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void everyAlarm_notifiesTheAlarmTopic_andDeadLetterAlarmsSayWhenTheyAreOkAgain() {
        TEMPLATE.resourceCountIs("AWS::SNS::Topic", 1);
        String topic = TEMPLATE.findResources("AWS::SNS::Topic").keySet().iterator().next();
        Map<String, Map<String, Object>> alarms = TEMPLATE.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(6 + 2 * FUNCTIONS.size());
        alarms.forEach((id, alarm) -> {
            JsonNode properties = JSON.valueToTree(alarm).path("Properties");
            assertThat(properties.path("AlarmActions")).as(id).hasSize(1);
            assertThat(properties.path("AlarmActions").path(0).path("Ref").asText()).as(id).isEqualTo(topic);
            if (properties.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")) {
                assertThat(properties.path("OKActions").path(0).path("Ref").asText()).as(id).isEqualTo(topic);
            } else {
                assertThat(properties.has("OKActions")).as(id).isFalse();
            }
        });
    }

    @Test
    void theAlarmTopic_isEncryptedWithARotatedKeyCloudWatchMayUse_refusesPlainHttp_andIsAnOutput() {
        JsonNode topic = single("AWS::SNS::Topic", Map.of());
        String key = topic.path("Properties").path("KmsMasterKeyId").path("Fn::GetAtt").path(0).asText();
        JsonNode keyResource = RESOURCES.path(key);
        assertThat(keyResource.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        assertThat(keyResource.path("Properties").path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(keyResource.path("Properties").path("KeyPolicy").toString())
                .contains("cloudwatch.amazonaws.com").contains("kms:GenerateDataKey*").contains("kms:Decrypt");
        String topicPolicy = single("AWS::SNS::TopicPolicy", Map.of()).path("Properties").path("PolicyDocument").toString();
        assertThat(topicPolicy).contains("aws:SecureTransport").contains("cloudwatch.amazonaws.com")
                .contains("aws:SourceAccount").contains(":alarm:*");
        assertThat(JSON.valueToTree(TEMPLATE.toJSON()).path("Outputs").path("AlarmTopicArn").path("Value")
                .path("Ref").asText()).isEqualTo(TEMPLATE.findResources("AWS::SNS::Topic").keySet().iterator().next());
        // No address unless one is asked for.
        TEMPLATE.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void alarmEmail_fromTheContext_subscribesThatAddress_andANonAddressIsRefused() {
        Template withEmail = Template.fromStack(SynthesizedDrop.stack(Map.of("alarmEmail", "oncall@example.com")));
        withEmail.resourceCountIs("AWS::SNS::Subscription", 1);
        withEmail.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "oncall@example.com"));

        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("alarmEmail", "oncall")))
                .hasMessageContaining("alarmEmail oncall is not one e-mail address");
    }

    // ---- concurrency

    @Test
    void reservedConcurrency_byDefault_capsTheCheckoutAndGivesTheRestTheirFloors() {
        assertThat(reservedConcurrency(TEMPLATE)).isEqualTo(Map.of("Checkout", 200, "PaymentsWebhook", 50,
                "OutboxRelay", 10, "Merchant", 5, "Waves", 2, "Notifications", 1));
    }

    @Test
    void reservedConcurrency_fromTheContext_changesRemovesOrTurnsOffReservations() {
        Template changed = Template.fromStack(SynthesizedDrop.stack(Map.of("reservedConcurrency",
                "Checkout:400, Merchant:none,Catalog:20")));
        assertThat(reservedConcurrency(changed)).isEqualTo(Map.of("Checkout", 400, "PaymentsWebhook", 50,
                "OutboxRelay", 10, "Waves", 2, "Catalog", 20, "Notifications", 1));

        Template off = Template.fromStack(SynthesizedDrop.stack(Map.of("reservedConcurrency", "off")));
        assertThat(reservedConcurrency(off)).isEmpty();
    }

    @Test
    void reservedConcurrency_refusesWhatWouldStopAFunctionOrNamesNoFunction() {
        assertThatThrownBy(() -> ReservedConcurrency.fromContext("Checkout:0"))
                .hasMessageContaining("Checkout: 0 would stop the function");
        assertThatThrownBy(() -> ReservedConcurrency.fromContext("Checkout:lots"))
                .hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> ReservedConcurrency.fromContext("Chekout:10"))
                .hasMessageContaining("'Chekout:10' is not <function>:<number>");
    }

    @Test
    void blankContextValues_asAnUnsetCiVariableGivesThem_meanTheDefaults() {
        MicrodropApp.Settings settings = MicrodropApp.Settings.fromContext(new App(AppProps.builder()
                .context(Map.of("alarmEmail", " ", "reservedConcurrency", "")).build()));

        assertThat(settings.alarmEmail()).isEmpty();
        assertThat(settings.reservedConcurrency()).isEqualTo(ReservedConcurrency.ofDefaults());
    }

    @Test
    void queueConsumers_areBoundedByTheirSourcesMaximumConcurrency() {
        Map<String, Integer> bounds = new java.util.TreeMap<>();
        TEMPLATE.findResources("AWS::Lambda::EventSourceMapping").forEach((id, mapping) -> {
            JsonNode properties = JSON.valueToTree(mapping).path("Properties");
            if (properties.has("ScalingConfig")) {
                bounds.put(id.replaceFirst("Live.*$", ""), properties.path("ScalingConfig").path("MaximumConcurrency").asInt());
            }
        });
        assertThat(bounds).isEqualTo(Map.of("HoldExpiry", 10, "Fulfilment", 5, "WaitlistClaims", 2,
                "Notifications", 2));
    }

    // ---- least privilege

    @Test
    void theCatalog_onlyReads() {
        List<String> actions = tableActions("Catalog");
        assertThat(actions).isNotEmpty()
                .allSatisfy(action -> assertThat(action).matches("dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe|GetRecords|GetShardIterator).*"))
                .doesNotContainAnyElementsOf(WRITE_ACTIONS);
    }

    @Test
    void onlyTheWritersWrite_andFulfilmentOnlyPutsItsOwnTasks() {
        for (String name : FUNCTIONS) {
            List<String> actions = tableActions(name);
            if (WRITERS.contains(name)) {
                assertThat(actions).as(name).contains("dynamodb:PutItem", "dynamodb:UpdateItem");
            } else if (name.equals("OutboxRelay")) {
                // Its one table write, the stock-shard summaries on sharded SKU items, and the shards' read.
                assertThat(actions).as(name).containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
            } else if (name.equals("Notifications")) {
                // Reads orders and suppressions; updates and deletes only its own MAIL# records (tested below).
                assertThat(actions).as(name).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem");
            } else if (name.equals("Fulfilment")) {
                assertThat(actions).as(name).contains("dynamodb:PutItem").doesNotContain("dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
                assertThat(policyOf("Fulfilment").toString()).contains("dynamodb:LeadingKeys").contains("FULFIL#*");
            } else {
                assertThat(actions).as(name).doesNotContainAnyElementsOf(WRITE_ACTIONS);
            }
        }
    }

    @Test
    void noStatement_grantsAWildcardAction() {
        TEMPLATE.findResources("AWS::IAM::Policy").forEach((id, policy) -> JSON.valueToTree(policy)
                .path("Properties").path("PolicyDocument").path("Statement").forEach(statement ->
                        assertThat(texts(statement.path("Action"))).as(id)
                                .noneMatch(action -> action.equals("*") || action.endsWith(":*"))));
    }

    @Test
    void theMerchant_managesOnlyItsDropsSchedules_andPassesOnlyTheSchedulerRole() {
        String policy = policyOf("Merchant").toString();
        assertThat(policy).contains("schedule-group/microdrop-neon-runners").contains("schedule/microdrop-neon-runners/*")
                .contains("iam:PassRole");
    }

    @Test
    void theOutboxRelay_putsEventsOnItsBus_sendsHoldExpiries_andOnlyUpdatesTableItems() {
        String policy = policyOf("OutboxRelay").toString();
        assertThat(policy).contains("events:PutEvents").contains("HoldExpiryQueue").doesNotContain("dynamodb:PutItem");
        List<JsonNode> tableWrites = new ArrayList<>();
        policyOf("OutboxRelay").path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
            if (texts(statement.path("Action")).contains("dynamodb:UpdateItem")) {
                tableWrites.add(statement);
            }
        });
        assertThat(tableWrites).hasSize(1);
        assertThat(texts(tableWrites.getFirst().path("Action")))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        // The table itself: not its index, not its stream.
        assertThat(tableWrites.getFirst().path("Resource").path("Fn::GetAtt").path(0).asText()).startsWith("DropTable");
        assertThat(tableWrites.getFirst().path("Resource").path("Fn::GetAtt").path(1).asText()).isEqualTo("Arn");
    }

    @Test
    void noFunction_getsTheStreamActionsOnTheTable_onlyTheRelayOnTheStream() {
        for (String name : FUNCTIONS) {
            assertThat(tableActions(name)).as(name).doesNotContain("dynamodb:GetRecords", "dynamodb:GetShardIterator");
        }
    }

    // ---- notifications (docs/notifications.md)

    @Test
    void notificationsQueue_hasItsDlqAfter5Receives_andAVisibilityTimeoutAboveTheFunctionsTimeoutAndTheSendLease() {
        JsonNode queue = SynthesizedDrop.onlyResource(RESOURCES, "AWS::SQS::Queue", "NotificationsQueue[0-9A-F]{8}")
                .path("Properties");
        int visibility = queue.path("VisibilityTimeout").asInt();
        assertThat(visibility).isGreaterThanOrEqualTo(6 * SnapStartFunction.TIMEOUT_SECONDS)
                .isGreaterThan((int) java.time.Duration.ofMinutes(2).toSeconds());
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(5);
        // The retries outlast the lease, so a crash between claim and send is mailed before the message is dead.
        assertThat(visibility * (queue.path("RedrivePolicy").path("maxReceiveCount").asInt() - 1)).isGreaterThan(120);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText())
                .startsWith("NotificationsDeadLetterQueue");
        JsonNode rule = single("AWS::Events::Rule", Map.of("Properties", Match.objectLike(Map.of("Name", "notifications-mail"))));
        assertThat(rule.path("Properties").path("Targets").path(0).path("Arn").path("Fn::GetAtt").path(0).asText())
                .startsWith("NotificationsQueue");
    }

    @Test
    void notifications_consumeTheirQueueOnTheAlias_reportingBatchItemFailures_reservedToOneEnvironment() {
        JsonNode mapping = SynthesizedDrop.onlyResource(RESOURCES, "AWS::Lambda::EventSourceMapping",
                "NotificationsLive.*").path("Properties");
        assertThat(mapping.path("EventSourceArn").path("Fn::GetAtt").path(0).asText()).startsWith("NotificationsQueue");
        assertThat(texts(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(mapping.path("BatchSize").asInt()).isEqualTo(10);
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(2);
        assertThat(function("Notifications").path("Properties").path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
    }

    @Test
    void notifications_environment_theSenderTheDropsUrlTheRateAndTheBuyerIdKeyFromTheSecret() {
        JsonNode environment = function("Notifications").path("Properties").path("Environment").path("Variables");
        assertThat(environment.path("MAIN_CLASS").asText()).isEqualTo("dev.microdrop.notifications.NotificationsApplication");
        assertThat(environment.path("SPRING_CLOUD_FUNCTION_DEFINITION").asText()).isEqualTo("notifications");
        assertThat(environment.path("MICRODROP_MAIL_FROM").asText()).isEqualTo(SynthesizedDrop.MAIL_FROM);
        assertThat(environment.path("MICRODROP_MAIL_RATE").asText()).isEqualTo("10");
        assertThat(environment.path("MICRODROP_MAIL_CONFIGURATION_SET").asText()).isEmpty();
        assertThat(environment.path("MICRODROP_BUYER_ID_KEY").toString()).contains("{{resolve:secretsmanager:")
                .contains("buyerIdKey");
        // The distribution's domain name: https://<distribution>.cloudfront.net/
        String url = environment.path("MICRODROP_MAIL_STOREFRONT_URL").toString();
        assertThat(url).contains("https://").contains("DomainName").contains("EdgeDistribution");
    }

    @Test
    void notifications_mayOnlyReadOrdersAndSuppressions_writeTheirMailRecords_andSendAsTheSendersIdentity() {
        List<String> statements = new ArrayList<>();
        policyOf("Notifications").path("Properties").path("PolicyDocument").path("Statement")
                .forEach(statement -> statements.add(statement.toString()));
        assertThat(statements).filteredOn(s -> s.contains("dynamodb:GetItem"))
                .singleElement().asString().contains("\"ORDER#*\"", "\"SUPPRESSED#*\"").doesNotContain("MAIL#");
        assertThat(statements).filteredOn(s -> s.contains("dynamodb:UpdateItem"))
                .singleElement().asString().contains("dynamodb:DeleteItem", "\"MAIL#*\"").doesNotContain("ORDER#");
        String ses = statements.stream().filter(s -> s.contains("ses:")).collect(java.util.stream.Collectors.joining());
        assertThat(ses).contains("ses:SendEmail", "ses:SendRawEmail", ":ses:", ":identity/orders@neon-runners.example\"",
                ":identity/neon-runners.example\"").doesNotContain("*").doesNotContain("configuration-set");
        assertThat(String.join("", statements)).doesNotContain("dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan",
                "index/*");
    }

    @Test
    void mailConfigurationSetAndRate_fromTheContext_reachTheEnvironment_andTheSetIsGrantedToo() {
        Template configured = Template.fromStack(SynthesizedDrop.stack(Map.of("mailFrom", "shop@example.org",
                "mailConfigurationSet", "drop-mail", "mailRate", "14")));
        JsonNode resources = JSON.valueToTree(configured.toJSON()).path("Resources");
        JsonNode environment = SynthesizedDrop.onlyResource(resources, "AWS::Lambda::Function",
                "NotificationsFunction[0-9A-F]{8}").path("Properties").path("Environment").path("Variables");
        assertThat(environment.path("MICRODROP_MAIL_FROM").asText()).isEqualTo("shop@example.org");
        assertThat(environment.path("MICRODROP_MAIL_CONFIGURATION_SET").asText()).isEqualTo("drop-mail");
        assertThat(environment.path("MICRODROP_MAIL_RATE").asText()).isEqualTo("14");
        String policy = SynthesizedDrop.onlyResource(resources, "AWS::IAM::Policy",
                "NotificationsRoleDefaultPolicy[0-9A-F]{8}").toString();
        assertThat(policy).contains(":identity/shop@example.org\"", ":identity/example.org\"",
                ":configuration-set/drop-mail\"");
    }

    @Test
    void withoutMailFrom_synthIsRefused_sayingWhatToPass_andAMalformedSenderRateOrSetIsRefused() {
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("mailFrom", " ")))
                .hasMessageContaining("mailFrom is required").hasMessageContaining("-c mailFrom=");
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("mailFrom", "orders")))
                .hasMessageContaining("mailFrom orders is not one address");
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("mailFrom", "a@example.org, b@example.org")))
                .hasMessageContaining("is not one address");
        assertThatThrownBy(() -> MailSettings.of(java.util.Optional.of("a@example.org"), java.util.Optional.empty(),
                java.util.Optional.of("0"))).hasMessageContaining("mailRate 0 is not a positive number");
        assertThatThrownBy(() -> MailSettings.of(java.util.Optional.of("a@example.org"),
                java.util.Optional.of("no spaces"), java.util.Optional.empty()))
                .hasMessageContaining("mailConfigurationSet no spaces is not");
        assertThat(MailSettings.of(java.util.Optional.of("Shop <a@shop.example.org>"), java.util.Optional.empty(),
                java.util.Optional.empty()).identities()).containsExactly("a@shop.example.org", "shop.example.org");
    }

    // ---- a drop of a shop (-c shop=<name>, docs/shop-stack.md)

    private static final JsonNode SHOP_DROP = JSON.valueToTree(Template.fromStack(SynthesizedDrop.stack(
            Map.of("shop", SynthesizedShop.SHOP))).toJSON()).path("Resources");

    @Test
    void withAShop_itsMailGoesThroughTheShopsConfigurationSet_andHonoursTheShopsSuppressions() {
        JsonNode notifications = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::Lambda::Function", "Notifications.*")
                .path("Properties");
        JsonNode environment = notifications.path("Environment").path("Variables");
        assertThat(environment.path("MICRODROP_MAIL_CONFIGURATION_SET").asText())
                .isEqualTo(ShopStack.configurationSetName(SynthesizedShop.SHOP));
        String parameter = environment.path("MICRODROP_MAIL_SHOP_TABLE").path("Ref").asText();
        JsonNode parameters = JSON.valueToTree(Template.fromStack(SynthesizedDrop.stack(
                Map.of("shop", SynthesizedShop.SHOP))).toJSON()).path("Parameters");
        assertThat(parameters.path(parameter).path("Default").asText())
                .isEqualTo(ShopStack.tableNameParameter(SynthesizedShop.SHOP));
        String policies = SHOP_DROP.toString();
        assertThat(policies).contains("configuration-set/" + ShopStack.configurationSetName(SynthesizedShop.SHOP))
                .contains("\"SUPPRESSED#*\"");
        assertThat(RESOURCES.toString()).doesNotContain("MICRODROP_MAIL_SHOP_TABLE");
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("shop", SynthesizedShop.SHOP,
                "mailConfigurationSet", "other-set"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sends through the shop's set");
    }

    @Test
    void withAShop_theEdgeSendsShopPathsToTheShopsApi_byTheHostItsStackKeepsInSsm() {
        JsonNode distribution = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::CloudFront::Distribution", ".*")
                .path("Properties").path("DistributionConfig");
        JsonNode behaviour = null;
        for (JsonNode candidate : distribution.path("CacheBehaviors")) {
            if (candidate.path("PathPattern").asText().equals(DropEdge.SHOP_PATH)) {
                behaviour = candidate;
            }
        }
        assertThat(behaviour).as("a /shop/* behaviour").isNotNull();
        assertThat(behaviour.path("AllowedMethods").toString()).contains("POST");
        String originId = behaviour.path("TargetOriginId").asText();
        JsonNode origin = null;
        for (JsonNode candidate : distribution.path("Origins")) {
            if (candidate.path("Id").asText().equals(originId)) {
                origin = candidate;
            }
        }
        assertThat(origin).isNotNull();
        assertThat(origin.path("CustomOriginConfig").path("OriginProtocolPolicy").asText()).isEqualTo("https-only");
        String parameter = origin.path("DomainName").path("Ref").asText();
        JsonNode parameters = JSON.valueToTree(Template.fromStack(SynthesizedDrop.stack(
                Map.of("shop", SynthesizedShop.SHOP))).toJSON()).path("Parameters");
        assertThat(parameters.path(parameter).path("Type").asText())
                .isEqualTo("AWS::SSM::Parameter::Value<String>");
        assertThat(parameters.path(parameter).path("Default").asText())
                .isEqualTo(ShopStack.apiDomainParameter(SynthesizedShop.SHOP));
        assertThat(RESOURCES.toString()).as("a drop without a shop has no such route").doesNotContain("/shop/*");
    }

    @Test
    void withoutAShop_theTableHasNoNameNorShopTag_andNothingIsForwarded() {
        JsonNode table = SynthesizedDrop.onlyResource(RESOURCES, "AWS::DynamoDB::Table", "DropTable.*").path("Properties");
        assertThat(table.has("TableName")).isFalse();
        assertThat(table.path("Tags").toString()).doesNotContain("microdrop:shop");
        assertThat(TEMPLATE.findResources("AWS::Events::Rule",
                Map.of("Properties", Match.objectLike(Map.of("Name", DropStack.FORWARD_TO_SHOP_RULE))))).isEmpty();
    }

    @Test
    void withAShop_theTableIsNamedWithTheShopsPrefix_andTaggedWithTheShop() {
        JsonNode table = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::DynamoDB::Table", "DropTable.*").path("Properties");
        assertThat(table.path("TableName").asText()).isEqualTo("microdrop.neon.neon-runners")
                .startsWith(ShopStack.dropTablePrefix(SynthesizedShop.SHOP));
        assertThat(table.path("Tags").toString()).contains("{\"Key\":\"microdrop:shop\",\"Value\":\"neon\"}");
    }

    @Test
    void withAShop_everyBuyerIdKeyIsTheShops_andTheDropsOtherSecretsStayTheDrops() {
        List<String> buyerIdKeys = new ArrayList<>();
        SHOP_DROP.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                resource.getValue().path("Properties").path("Environment").path("Variables").properties().forEach(variable -> {
                    String value = variable.getValue().toString();
                    if (variable.getKey().equals("MICRODROP_BUYER_ID_KEY")) {
                        buyerIdKeys.add(resource.getKey());
                        assertThat(value).as(resource.getKey())
                                .contains("{{resolve:secretsmanager:microdrop-shop/neon:SecretString:buyerIdKey::}}");
                    } else if (value.contains("{{resolve:secretsmanager:")) {
                        assertThat(value).as("%s %s", resource.getKey(), variable.getKey())
                                .contains("microdrop/neon-runners:").doesNotContain("microdrop-shop/");
                    }
                });
            }
        });
        assertThat(buyerIdKeys).hasSize(3).allMatch(id -> id.matches("(Checkout|Merchant|Notifications)Function.*"));
    }

    @Test
    void withAShop_theEventsTheShopKeepsAreForwardedToItsBus_asTheShopsRuleTakesThem() throws IOException {
        JsonNode rule = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::Events::Rule", "ForwardToShopRule.*")
                .path("Properties");
        assertThat(rule.path("Name").asText()).isEqualTo("forward-to-shop");
        assertThat(rule.path("EventBusName").path("Ref").asText()).startsWith("EventBus");
        JsonNode shopsRule = JSON.readTree(ROOT.resolve("events/shop-rules/drop-events.json").toFile());
        assertThat(rule.path("EventPattern")).isEqualTo(shopsRule.path("eventPattern"));
        JsonNode target = rule.path("Targets").path(0);
        assertThat(rule.path("Targets")).hasSize(1);
        assertThat(target.path("Arn").toString()).contains(":events:").endsWith(":event-bus/microdrop-shop-neon\"]]}");
        assertThat(target.path("RoleArn").path("Fn::GetAtt").path(0).asText()).startsWith("ShopForwardingRole");
        // The drop's own rules are still there, on its own queues.
        assertThat(SHOP_DROP.toString()).contains("\"Name\":\"notifications-mail\"");
    }

    @Test
    void withAShop_theForwardingRole_isEventBridgesOfThisAccount_andMayOnlyPutEventsOnTheShopsBus() {
        JsonNode role = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::IAM::Role", "ShopForwardingRole[0-9A-F]{8}")
                .path("Properties");
        JsonNode trust = role.path("AssumeRolePolicyDocument").path("Statement");
        assertThat(trust).hasSize(1);
        assertThat(trust.path(0).path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(trust.path(0).path("Condition").path("StringEquals").has("aws:SourceAccount")).isTrue();
        JsonNode statements = SynthesizedDrop.onlyResource(SHOP_DROP, "AWS::IAM::Policy",
                "ShopForwardingRoleDefaultPolicy[0-9A-F]{8}").path("Properties").path("PolicyDocument").path("Statement");
        assertThat(statements).hasSize(1);
        assertThat(texts(statements.path(0).path("Action"))).containsExactly("events:PutEvents");
        assertThat(statements.path(0).path("Resource").toString()).endsWith(":event-bus/microdrop-shop-neon\"]]}");
    }

    @Test
    void aShopThatIsNoShopName_isRefused() {
        assertThatThrownBy(() -> SynthesizedDrop.stack(Map.of("shop", "Neon Shop")))
                .hasMessageContaining("shop Neon Shop is not a shop name");
    }

    // ---- the app

    @Test
    void theStack_isNamedForTheDrop() {
        assertThat(SynthesizedDrop.STACK.getStackName()).isEqualTo("microdrop-neon-runners");
    }

    @Test
    void anInvalidManifest_isRefusedWithItsErrors(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        Path broken = directory.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SynthesizedDrop.EXAMPLE).replace("currency: EUR", "currency: EURO"));

        assertThatThrownBy(() -> MicrodropApp.readManifest(broken))
                .hasMessageContaining("the drop manifest is not valid")
                .hasMessageContaining("broken.yaml:8: /currency: EURO is not an ISO 4217 currency code");
    }

    @Test
    void aManifestWithoutAStorefront_isRefused(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        Path file = directory.resolve("no-storefront.yaml");
        String yaml = Files.readString(SynthesizedDrop.EXAMPLE);
        Files.writeString(file, yaml.substring(0, yaml.indexOf("storefront:")));

        App app = new App(AppProps.builder().context(Map.of("mailFrom", SynthesizedDrop.MAIL_FROM)).build());
        assertThatThrownBy(() -> MicrodropApp.stack(app, MicrodropApp.readManifest(file), ROOT,
                module -> Code.fromInline("unused"), MicrodropApp.Settings.fromContext(app)))
                .hasMessageContaining("has no storefront.origins");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Integer> reservedConcurrency(Template template) {
        Map<String, Integer> reserved = new java.util.TreeMap<>();
        template.findResources("AWS::Lambda::Function").forEach((id, function) -> {
            JsonNode value = JSON.valueToTree(function).path("Properties").path("ReservedConcurrentExecutions");
            if (!value.isMissingNode()) {
                reserved.put(id.replaceFirst("Function[0-9A-F]{8}$", ""), value.asInt());
            }
        });
        return reserved;
    }

    private static JsonNode function(String name) {
        return SynthesizedDrop.onlyResource(RESOURCES, "AWS::Lambda::Function", name + "Function[0-9A-F]{8}");
    }

    private static JsonNode url(Map<String, JsonNode> urls, String name) {
        return urls.entrySet().stream().filter(e -> e.getKey().matches(name + "Live.*"))
                .map(e -> e.getValue().path("Properties")).findFirst()
                .orElseThrow(() -> new AssertionError("no URL for " + name + " in " + urls.keySet()));
    }

    /** The role's default policy (CDK puts every grant of a role there). */
    private static JsonNode policyOf(String name) {
        return SynthesizedDrop.onlyResource(RESOURCES, "AWS::IAM::Policy", name + "(Role)?DefaultPolicy[0-9A-F]{8}");
    }

    private static List<String> tableActions(String name) {
        List<String> actions = new ArrayList<>();
        policyOf(name).path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
            if (statement.path("Resource").toString().contains("\"DropTable")
                    && !statement.path("Resource").toString().contains("StreamArn")) {
                texts(statement.path("Action")).stream().filter(a -> a.startsWith("dynamodb:")).forEach(actions::add);
            }
        });
        return actions;
    }

    private static JsonNode single(String type, Map<String, Object> props) {
        Map<String, Map<String, Object>> found = TEMPLATE.findResources(type, props);
        assertThat(found).as("%s %s", type, props).hasSize(1);
        return JSON.valueToTree(found.values().iterator().next());
    }
}
