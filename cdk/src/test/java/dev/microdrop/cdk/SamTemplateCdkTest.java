package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml (for SAM users) and the CDK stack (what merchants deploy) describe the same functions, table,
 * queues and rules: this compares them property by property, so changing one without the other fails the build.
 * Each function's IAM permissions are compared too, as "action on resource (if condition)". What only the CDK stack
 * has (CloudFront, the pages' bucket and their deployment's provider function, the merchant's Cognito user pool, alarms
 * and their topic, the dashboard, the wave schedules) and how secrets arrive (NoEcho
 * parameters in SAM, Secrets Manager references in CDK) are not compared.
 */
class SamTemplateCdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Lambda needs to poll an SQS source: SAM's transform adds its own poller policy, CDK grants these. */
    private static final Set<String> SQS_CONSUMER_ACTIONS = Set.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");

    private static JsonNode sam;
    private static JsonNode samGlobals;
    private static JsonNode cdk;

    @BeforeAll
    static void readBoth() throws IOException {
        JsonNode template = new YAMLMapper().readTree(SynthesizedDrop.ROOT.resolve("template.yaml").toFile());
        sam = template.path("Resources");
        samGlobals = template.path("Globals").path("Function");
        cdk = JSON.valueToTree(SynthesizedDrop.TEMPLATE.toJSON()).path("Resources");
    }

    @Test
    void bothDeclareTheSameFunctions() {
        assertThat(samFunctions().keySet()).isEqualTo(cdkFunctions().keySet());
    }

    @Test
    void everyFunction_hasTheSameHandlerRuntimeSnapStartMemoryAndTimeout() {
        Map<String, JsonNode> cdkFunctions = cdkFunctions();
        samFunctions().forEach((name, samFunction) -> {
            JsonNode cdkFunction = cdkFunctions.get(name).path("Properties");
            assertThat(cdkFunction.path("Handler").asText()).as("%s Handler", name)
                    .isEqualTo(effective(samFunction, "Handler").asText());
            assertThat(cdkFunction.path("Runtime").asText()).as("%s Runtime", name)
                    .isEqualTo(effective(samFunction, "Runtime").asText());
            assertThat(cdkFunction.path("SnapStart").path("ApplyOn").asText()).as("%s SnapStart", name)
                    .isEqualTo(effective(samFunction, "SnapStart").path("ApplyOn").asText());
            assertThat(cdkFunction.path("MemorySize").asInt()).as("%s MemorySize", name)
                    .isEqualTo(effective(samFunction, "MemorySize").asInt());
            assertThat(cdkFunction.path("Timeout").asInt()).as("%s Timeout", name)
                    .isEqualTo(effective(samFunction, "Timeout").asInt());
            assertThat(texts(cdkFunction.path("Architectures"))).as("%s Architectures", name)
                    .isEqualTo(texts(effective(samFunction, "Architectures")));
        });
        assertThat(effective(samFunctions().get("Catalog"), "AutoPublishAlias").asText()).isEqualTo(SnapStartFunction.ALIAS);
    }

    @Test
    void everyFunction_hasTheSameEnvironmentVariables_andTheSameMainClassAndDefinition() {
        Map<String, JsonNode> cdkFunctions = cdkFunctions();
        samFunctions().forEach((name, samFunction) -> {
            JsonNode samVariables = samFunction.path("Properties").path("Environment").path("Variables");
            Set<String> samNames = new TreeSet<>();
            samGlobals.path("Environment").path("Variables").fieldNames().forEachRemaining(samNames::add);
            samVariables.fieldNames().forEachRemaining(samNames::add);
            JsonNode cdkVariables = cdkFunctions.get(name).path("Properties").path("Environment").path("Variables");
            Set<String> cdkNames = new TreeSet<>();
            cdkVariables.fieldNames().forEachRemaining(cdkNames::add);

            assertThat(cdkNames).as("%s environment variable names", name).isEqualTo(samNames);
            for (String literal : List.of("MAIN_CLASS", "SPRING_CLOUD_FUNCTION_DEFINITION")) {
                assertThat(cdkVariables.path(literal).asText()).as("%s %s", name, literal)
                        .isEqualTo(samVariables.path(literal).asText());
            }
            assertThat(cdkVariables.path("JAVA_TOOL_OPTIONS").asText()).as("%s JAVA_TOOL_OPTIONS", name)
                    .isEqualTo(samGlobals.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText());
        });
    }

    @Test
    void everyFunctionUrl_hasTheSameAuthTypeAndCorsMethodsAndHeaders() {
        Map<String, JsonNode> cdkUrls = new TreeMap<>();
        cdk.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Url")) {
                cdkUrls.put(resource.getKey().replaceFirst("LiveFunctionUrl.*$", ""), resource.getValue().path("Properties"));
            }
        });
        Map<String, JsonNode> samUrls = new TreeMap<>();
        samFunctions().forEach((name, fn) -> {
            if (fn.path("Properties").has("FunctionUrlConfig")) {
                samUrls.put(name, fn.path("Properties").path("FunctionUrlConfig"));
            }
        });
        assertThat(cdkUrls.keySet()).isEqualTo(samUrls.keySet());
        samUrls.forEach((name, samUrl) -> {
            JsonNode cdkUrl = cdkUrls.get(name);
            assertThat(cdkUrl.path("AuthType").asText()).as("%s AuthType", name).isEqualTo(samUrl.path("AuthType").asText());
            assertThat(cdkUrl.has("Cors")).as("%s has CORS", name).isEqualTo(samUrl.has("Cors"));
            for (String field : List.of("AllowMethods", "AllowHeaders")) {
                assertThat(new TreeSet<>(texts(cdkUrl.path("Cors").path(field)))).as("%s %s", name, field)
                        .isEqualTo(new TreeSet<>(texts(samUrl.path("Cors").path(field))));
            }
        });
    }

    @Test
    void theTable_hasTheSameKeysIndexesAndSettings() {
        JsonNode samTable = sam.path("DropTable");
        JsonNode cdkTable = single("AWS::DynamoDB::Table");
        assertThat(cdkTable.path("DeletionPolicy")).isEqualTo(samTable.path("DeletionPolicy"));
        assertThat(cdkTable.path("UpdateReplacePolicy")).isEqualTo(samTable.path("UpdateReplacePolicy"));
        JsonNode samProperties = samTable.path("Properties");
        JsonNode cdkProperties = cdkTable.path("Properties");
        for (String property : List.of("KeySchema", "GlobalSecondaryIndexes", "BillingMode",
                "PointInTimeRecoverySpecification", "TimeToLiveSpecification", "StreamSpecification",
                "DeletionProtectionEnabled")) {
            assertThat(cdkProperties.path(property)).as("DropTable %s", property).isEqualTo(samProperties.path(property));
        }
        assertThat(sorted(cdkProperties.path("AttributeDefinitions")))
                .isEqualTo(sorted(samProperties.path("AttributeDefinitions")));
    }

    @Test
    void theRules_haveTheSameNamesAndPatterns() {
        assertThat(rules(cdk)).isEqualTo(rules(sam)).isNotEmpty();
    }

    @Test
    void theQueues_haveTheSameTimeoutsRedrivesAndRetention() {
        assertThat(queues(cdk)).isEqualTo(queues(sam)).hasSize(10);
    }

    @Test
    void theStreamAndQueueSources_haveTheSameSettings_maximumConcurrencyIncluded() {
        Map<String, String> samSources = new TreeMap<>();
        samFunctions().forEach((name, fn) -> fn.path("Properties").path("Events").properties().forEach(event -> {
            JsonNode p = event.getValue().path("Properties");
            samSources.put(name, String.join(",", String.valueOf(p.path("BatchSize").asInt()),
                    texts(p.path("FunctionResponseTypes")).toString(), p.path("BisectBatchOnFunctionError").asText(""),
                    p.path("MaximumRetryAttempts").asText(""), p.path("StartingPosition").asText(""),
                    p.path("ScalingConfig").path("MaximumConcurrency").asText("")));
        }));
        Map<String, String> cdkSources = new TreeMap<>();
        cdk.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::EventSourceMapping")) {
                JsonNode p = resource.getValue().path("Properties");
                String name = resource.getKey().replaceFirst("Live.*$", "");
                cdkSources.put(name, String.join(",", String.valueOf(p.path("BatchSize").asInt()),
                        texts(p.path("FunctionResponseTypes")).toString(), p.path("BisectBatchOnFunctionError").asText(""),
                        p.path("MaximumRetryAttempts").asText(""), p.path("StartingPosition").asText(""),
                        p.path("ScalingConfig").path("MaximumConcurrency").asText("")));
            }
        });
        assertThat(cdkSources).isEqualTo(samSources).hasSize(5);
    }

    /**
     * Per function, every permission of its role. Left out on both sides: writing its logs (SAM's transform attaches
     * AWSLambdaBasicExecutionRole, CDK grants the function's own log group) and polling its own SQS source (SAM's
     * transform adds a poller policy, CDK grants it with the event source). Resources are compared by what they
     * name (DropTable, DropTable/index/*, DropTable.StreamArn, HoldExpiryQueue, ...); the wave schedules' group is
     * microdrop-* in SAM, whose stack learns its drop id only when the merchant publishes. The sender's SES identities
     * are SAM's ${MailFrom} and ${MailFromDomain}, CDK's {@code mailFrom} of SynthesizedDrop; a resource SAM adds only
     * when a parameter is set (the SES configuration set) is compared in its default, absent.
     */
    @Test
    void everyFunction_hasTheSameIamActionsOnTheSameResources() {
        Map<String, Set<String>> samGrants = new TreeMap<>();
        samFunctions().forEach((name, fn) -> {
            Set<String> grants = new TreeSet<>();
            fn.path("Properties").path("Policies").forEach(policy -> {
                assertThat(policy.has("Statement")).as("%s: policies are written out as statements, not SAM policy "
                        + "templates or managed policies, so this test can compare them: %s", name, policy).isTrue();
                policy.path("Statement").forEach(statement -> grants.addAll(grants(statement)));
            });
            grants.removeAll(consumerGrants(samSourceQueue(fn)));
            samGrants.put(name, grants);
        });
        Map<String, Set<String>> cdkGrants = new TreeMap<>();
        cdkFunctions().keySet().forEach(name -> {
            Set<String> grants = new TreeSet<>();
            cdkPolicyOf(name).path("Properties").path("PolicyDocument").path("Statement")
                    .forEach(statement -> grants.addAll(grants(statement)));
            grants.removeIf(grant -> grant.startsWith("logs:"));
            grants.removeAll(consumerGrants(cdkSourceQueue(name)));
            cdkGrants.put(name, grants);
        });

        assertThat(cdkGrants.keySet()).isEqualTo(samGrants.keySet());
        cdkGrants.forEach((name, grants) -> assertThat(grants).as("%s's IAM permissions", name)
                .isNotEmpty().containsExactlyElementsOf(samGrants.get(name)));
        // The relay's one table write, the stock-shard summaries on sharded SKU items, and the shards' read.
        assertThat(cdkGrants.get("OutboxRelay")).filteredOn(grant -> grant.matches("\\S+ DropTable(/\\S*)?( if .*)?"))
                .containsExactlyInAnyOrder("dynamodb:BatchGetItem DropTable", "dynamodb:UpdateItem DropTable");
    }

    @Test
    void everyFunction_hasTheSameReservedConcurrency_whenSamReservesIt() {
        Map<String, Integer> sam = new TreeMap<>();
        samFunctions().forEach((name, fn) -> {
            JsonNode reserved = fn.path("Properties").path("ReservedConcurrentExecutions");
            if (!reserved.isMissingNode()) {
                // Fn::If: [ConcurrencyReserved, N, Ref: AWS::NoValue]: the ReserveConcurrency parameter's "on" branch.
                JsonNode condition = reserved.path("Fn::If");
                assertThat(condition.path(0).asText()).as(name).isEqualTo("ConcurrencyReserved");
                assertThat(condition.path(2).path("Ref").asText()).as(name).isEqualTo("AWS::NoValue");
                sam.put(name, condition.path(1).asInt());
            }
        });
        Map<String, Integer> cdkReserved = new TreeMap<>();
        cdkFunctions().forEach((name, fn) -> {
            JsonNode reserved = fn.path("Properties").path("ReservedConcurrentExecutions");
            if (!reserved.isMissingNode()) {
                cdkReserved.put(name, reserved.asInt());
            }
        });
        assertThat(cdkReserved).isEqualTo(sam).isEqualTo(new TreeMap<>(ReservedConcurrency.DEFAULTS));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Each "action resource" pair a statement allows, with its condition when it has one. */
    private static Set<String> grants(JsonNode statement) {
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        String condition = statement.has("Condition") ? " if " + statement.path("Condition") : "";
        Set<String> grants = new TreeSet<>();
        for (String action : texts(arrayOf(statement.path("Action")))) {
            for (JsonNode resource : arrayOf(statement.path("Resource"))) {
                if (resource.path("Fn::If").path(2).path("Ref").asText().equals("AWS::NoValue")) {
                    // Fn::If: [Condition, resource, Ref: AWS::NoValue]: absent with the parameters' defaults.
                    continue;
                }
                grants.add(action + " " + resource(resource) + condition);
            }
        }
        return grants;
    }

    private static Set<String> consumerGrants(String queue) {
        Set<String> grants = new TreeSet<>();
        if (queue != null) {
            SQS_CONSUMER_ACTIONS.forEach(action -> grants.add(action + " " + queue));
        }
        return grants;
    }

    private static String samSourceQueue(JsonNode function) {
        List<String> queues = new ArrayList<>();
        function.path("Properties").path("Events").forEach(event -> {
            if (event.path("Type").asText().equals("SQS")) {
                queues.add(resource(event.path("Properties").path("Queue")));
            }
        });
        return queues.isEmpty() ? null : queues.getFirst();
    }

    private static String cdkSourceQueue(String function) {
        List<String> queues = new ArrayList<>();
        cdk.properties().forEach(resource -> {
            JsonNode p = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::EventSourceMapping")
                    && resource.getKey().startsWith(function + "Live")
                    && p.path("EventSourceArn").path("Fn::GetAtt").path(0).asText().contains("Queue")) {
                queues.add(resource(p.path("EventSourceArn")));
            }
        });
        return queues.isEmpty() ? null : queues.getFirst();
    }

    /**
     * A resource as what it names, the same for both templates: {@code {"Fn::GetAtt": ["DropTable1A2B3C4D", "Arn"]}}
     * and SAM's {@code Fn::GetAtt: [DropTable, Arn]} are both DropTable; {@code ${DropTable.Arn}/index/*} and CDK's
     * Fn::Join of the same are DropTable/index/*; pseudo parameters read ${AWS::Region}.
     */
    private static String resource(JsonNode node) {
        String text;
        if (node.isTextual()) {
            text = node.asText();
        } else if (node.has("Fn::GetAtt")) {
            JsonNode getAtt = node.path("Fn::GetAtt");
            String attribute = getAtt.path(1).asText();
            text = logical(getAtt.path(0).asText()) + (attribute.equals("Arn") ? "" : "." + attribute);
        } else if (node.has("Ref")) {
            String ref = node.path("Ref").asText();
            text = ref.startsWith("AWS::") ? "${" + ref + "}" : logical(ref);
        } else if (node.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            node.path("Fn::Join").path(1).forEach(part -> joined.append(resource(part)));
            text = joined.toString();
        } else if (node.has("Fn::Sub")) {
            // "text" or ["text", {local variables}]: the locals stay ${Name}, as the parameters do.
            JsonNode sub = node.path("Fn::Sub");
            Matcher attribute = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.([A-Za-z]+)}")
                    .matcher(sub.isArray() ? sub.path(0).asText() : sub.asText());
            StringBuilder substituted = new StringBuilder();
            while (attribute.find()) {
                attribute.appendReplacement(substituted, Matcher.quoteReplacement(
                        attribute.group(2).equals("Arn") ? attribute.group(1) : attribute.group(1) + "." + attribute.group(2)));
            }
            attribute.appendTail(substituted);
            text = substituted.toString();
        } else {
            throw new AssertionError("a resource this test cannot read: " + node);
        }
        String address = SynthesizedDrop.MAIL_ADDRESS;
        return text.replaceAll("microdrop-[a-z0-9-]+", "microdrop-*")
                .replace(":identity/" + address, ":identity/${MailFrom}")
                .replace(":identity/" + address.substring(address.indexOf('@') + 1), ":identity/${MailFromDomain}");
    }

    /** A logical id as SAM writes it: CDK's hash dropped, SAM's generated alias (WavesFunctionAliaslive) as CDK's (WavesLive). */
    private static String logical(String id) {
        return id.replaceFirst("[0-9A-F]{8}$", "").replaceFirst("^(\\w+)FunctionAliaslive$", "$1Live");
    }

    /** The role's default policy, where CDK puts every grant of a role. */
    private static JsonNode cdkPolicyOf(String function) {
        return SynthesizedDrop.onlyResource(cdk, "AWS::IAM::Policy", function + "RoleDefaultPolicy[0-9A-F]{8}");
    }

    private static JsonNode arrayOf(JsonNode node) {
        return node.isArray() ? node : JSON.createArrayNode().add(node);
    }

    /** SAM's functions by name without "Function" (CatalogFunction is Catalog). */
    private static Map<String, JsonNode> samFunctions() {
        Map<String, JsonNode> functions = new TreeMap<>();
        sam.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey().replaceFirst("Function$", ""), resource.getValue());
            }
        });
        return functions;
    }

    /** CDK's functions by construct name (Catalog/Function becomes CatalogFunction1A2B3C4D). */
    private static Map<String, JsonNode> cdkFunctions() {
        Map<String, JsonNode> functions = new TreeMap<>();
        cdk.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && !resource.getKey().startsWith("CustomCDKBucketDeployment")) {
                functions.put(resource.getKey().replaceFirst("Function[0-9A-F]{8}$", ""), resource.getValue());
            }
        });
        return functions;
    }

    private static JsonNode effective(JsonNode function, String property) {
        JsonNode own = function.path("Properties").path(property);
        return own.isMissingNode() ? samGlobals.path(property) : own;
    }

    private static JsonNode single(String type) {
        List<JsonNode> found = new ArrayList<>();
        cdk.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                found.add(resource.getValue());
            }
        });
        assertThat(found).as(type).hasSize(1);
        return found.getFirst();
    }

    private static Map<String, JsonNode> rules(JsonNode resources) {
        Map<String, JsonNode> rules = new TreeMap<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                JsonNode p = resource.getValue().path("Properties");
                rules.put(p.path("Name").asText(), p.path("EventPattern"));
            }
        });
        return rules;
    }

    /** Each queue by its logical name (CDK's hash dropped): visibility timeout, redrive count and retention. */
    private static Map<String, String> queues(JsonNode resources) {
        Map<String, String> queues = new TreeMap<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                JsonNode p = resource.getValue().path("Properties");
                queues.put(resource.getKey().replaceFirst("[0-9A-F]{8}$", ""), String.join(",",
                        p.path("SqsManagedSseEnabled").asText(), p.path("VisibilityTimeout").asText(""),
                        p.path("RedrivePolicy").path("maxReceiveCount").asText(""),
                        p.path("MessageRetentionPeriod").asText("")));
            }
        });
        return queues;
    }

    private static List<String> sorted(JsonNode array) {
        List<String> elements = new ArrayList<>();
        array.forEach(element -> elements.add(element.toString()));
        elements.sort(null);
        return elements;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
