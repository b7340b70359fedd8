package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code template.yaml} in step with the code. There is no offline SAM transform, and cfn-lint rejects
 * current SAM features, so this reads the template as plain YAML (it uses only the long-form intrinsics) and
 * checks it against the modules' sources: what each function runs, what its Spring context needs to start, how
 * its event sources report failures, and the table, rules and queues the code relies on.
 */
class SamTemplateTest {

    private static final String FUNCTION_INVOKER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

    /** Environment variables a Spring context needs to start (or to do its one job), by application class. */
    private static final Map<String, Set<String>> REQUIRED_BY_APPLICATION = Map.of(
            // MicrodropProperties: the table, and the HMAC key for buyer ids and order tokens.
            "dev.microdrop.checkout.CheckoutApplication",
            Set.of("MICRODROP_BUYER_ID_KEY", "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY"),
            // PaymentsProperties refuses to start without the webhook secret; the payment provider bean needs the key.
            "dev.microdrop.payments.PaymentsApplication",
            Set.of("MICRODROP_PAYMENTS_WEBHOOK_SECRET", "MICRODROP_PAYMENTS_STRIPE_SECRET_KEY"));

    /** Environment variables a function definition needs beyond its context's. */
    private static final Map<String, Set<String>> REQUIRED_BY_DEFINITION = Map.of(
            "expireHolds", Set.of("MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL"));

    /** {@code @Value("${some.property}")} with no default: the context does not start without it. */
    private static final Pattern VALUE_WITHOUT_DEFAULT = Pattern.compile("@Value\\(\"\\$\\{([^}:]+)}\"\\)");

    private static final Set<String> SECRET_ENV_SUFFIXES = Set.of("_SECRET", "_SECRET_KEY", "_KEY");

    private static Path root;
    private static JsonNode template;
    private static JsonNode resources;
    private static JsonNode globals;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void readTemplate() throws IOException {
        root = repositoryRoot();
        template = new YAMLMapper().readTree(root.resolve("template.yaml").toFile());
        resources = template.path("Resources");
        globals = template.path("Globals").path("Function");
    }

    @Test
    void template_declaresEveryFunctionModule() throws IOException {
        Set<String> codeUris = new TreeSet<>();
        functions().forEach((name, fn) -> codeUris.add(fn.path("Properties").path("CodeUri").asText()));
        String parentPom = Files.readString(root.resolve("pom.xml"));

        // Every module with an application class (a Lambda) is deployed by some function of the drop's template,
        // except the shop's own functions: they outlive a drop and belong to the shop's stack (ShopStack,
        // docs/shop-stack.md), which SAM does not declare; never a drop's stack.
        Set<String> shopStack = Set.of("functions/shop");
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            List<String> lambdaModules = modules
                    .filter(module -> containsApplicationClass(module.resolve("src/main/java")))
                    .map(module -> root.relativize(module).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertThat(lambdaModules).containsAll(shopStack);
            assertThat(codeUris).containsAll(lambdaModules.stream().filter(m -> !shopStack.contains(m)).toList())
                    .doesNotContainAnyElementsOf(shopStack);
        }
        assertThat(codeUris).allSatisfy(uri -> assertThat(parentPom).contains("<module>" + uri + "</module>"));
    }

    @Test
    void everyFunction_runsAModuleThatExists() {
        functions().forEach((name, fn) -> {
            String codeUri = fn.path("Properties").path("CodeUri").asText();
            assertThat(codeUri).as("%s CodeUri", name).isNotBlank();
            assertThat(root.resolve(codeUri)).as("%s CodeUri", name).isDirectory();
            assertThat(root.resolve(codeUri).resolve("pom.xml")).as("%s module pom", name).isRegularFile();
        });
    }

    @Test
    void everyMainClass_isASourceFileOfItsModule() {
        functions().forEach((name, fn) -> {
            String mainClass = environment(fn).get("MAIN_CLASS");
            assertThat(mainClass).as("%s MAIN_CLASS", name).isNotBlank();
            assertThat(applicationSource(fn)).as("%s MAIN_CLASS %s", name, mainClass).isRegularFile();
        });
    }

    @Test
    void everyFunctionDefinition_isABeanOfItsApplicationClass() throws IOException {
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            String definition = environment(function.getValue()).get("SPRING_CLOUD_FUNCTION_DEFINITION");
            assertThat(definition).as("%s SPRING_CLOUD_FUNCTION_DEFINITION", function.getKey()).isNotBlank();
            String source = Files.readString(applicationSource(function.getValue()));
            // @Bean, then the return type, then the method's name: never across a method body or a statement.
            Pattern beanMethod = Pattern.compile("@Bean\\b[^;{]*?\\s" + Pattern.quote(definition) + "\\s*\\(");
            assertThat(beanMethod.matcher(source).find())
                    .as("%s: %s has a @Bean method %s(...)", function.getKey(),
                            environment(function.getValue()).get("MAIN_CLASS"), definition)
                    .isTrue();
        }
    }

    @Test
    void everyFunction_isASnapStartJava21FunctionInvoker() {
        assertThat(globals.path("Handler").asText()).isEqualTo(FUNCTION_INVOKER);
        assertThat(globals.path("Runtime").asText()).isEqualTo("java21");
        assertThat(globals.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        // SnapStart applies to published versions only: the alias is what gets invoked.
        assertThat(globals.path("AutoPublishAlias").asText()).isNotBlank();
        functions().forEach((name, fn) -> {
            assertThat(effective(fn, "Handler").asText()).as("%s Handler", name).isEqualTo(FUNCTION_INVOKER);
            assertThat(effective(fn, "Runtime").asText()).as("%s Runtime", name).isEqualTo("java21");
            assertThat(effective(fn, "SnapStart").path("ApplyOn").asText()).as("%s SnapStart", name)
                    .isEqualTo("PublishedVersions");
            assertThat(effective(fn, "AutoPublishAlias").asText()).as("%s AutoPublishAlias", name).isNotBlank();
        });
    }

    @Test
    void everyFunction_hasTheEnvironmentItsContextRequires() throws IOException {
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            String name = function.getKey();
            Map<String, String> environment = environment(function.getValue());
            Set<String> required = new TreeSet<>();
            required.add("MICRODROP_TABLE");
            required.addAll(REQUIRED_BY_APPLICATION.getOrDefault(environment.get("MAIN_CLASS"), Set.of()));
            required.addAll(REQUIRED_BY_DEFINITION.getOrDefault(
                    environment.get("SPRING_CLOUD_FUNCTION_DEFINITION"), Set.of()));
            Matcher values = VALUE_WITHOUT_DEFAULT.matcher(Files.readString(applicationSource(function.getValue())));
            while (values.find()) {
                required.add(environmentName(values.group(1)));
            }
            assertThat(environment).as("%s environment", name).containsKeys(required.toArray(String[]::new));
            assertThat(required).allSatisfy(variable -> assertThat(environment.get(variable))
                    .as("%s %s", name, variable).isNotBlank());
        }
        assertThat(environment(resources.path("CheckoutFunction"))).containsKey("MICRODROP_BUYER_ID_KEY");
        assertThat(environment(resources.path("PaymentsWebhookFunction")))
                .containsKey("MICRODROP_PAYMENTS_WEBHOOK_SECRET");
        assertThat(environment(resources.path("HoldExpiryFunction")))
                .containsKey("MICRODROP_PAYMENTS_WEBHOOK_SECRET");
    }

    @Test
    void secretsComeFromNoEchoParameters() {
        functions().forEach((name, fn) -> {
            JsonNode variables = fn.path("Properties").path("Environment").path("Variables");
            variables.properties().forEach(variable -> {
                if (SECRET_ENV_SUFFIXES.stream().anyMatch(variable.getKey()::endsWith)) {
                    String parameter = variable.getValue().path("Ref").asText();
                    assertThat(template.path("Parameters").has(parameter))
                            .as("%s %s is a parameter", name, variable.getKey()).isTrue();
                    assertThat(template.path("Parameters").path(parameter).path("NoEcho").asBoolean())
                            .as("%s %s: parameter %s is NoEcho", name, variable.getKey(), parameter).isTrue();
                }
            });
        });
    }

    @Test
    void everyQueueAndStreamSource_reportsBatchItemFailures() {
        int sources = 0;
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            for (Map.Entry<String, JsonNode> event : function.getValue().path("Properties").path("Events").properties()) {
                String type = event.getValue().path("Type").asText();
                if (!type.equals("SQS") && !type.equals("DynamoDB")) {
                    continue;
                }
                sources++;
                JsonNode properties = event.getValue().path("Properties");
                assertThat(texts(properties.path("FunctionResponseTypes")))
                        .as("%s event %s FunctionResponseTypes", function.getKey(), event.getKey())
                        .contains("ReportBatchItemFailures");
                if (type.equals("SQS")) {
                    String queue = getAttTarget(properties.path("Queue"));
                    assertThat(resources.path(queue).path("Type").asText())
                            .as("%s event %s queue", function.getKey(), event.getKey()).isEqualTo("AWS::SQS::Queue");
                    // Lambda's advice: at least 6 x the function's timeout, or messages come back mid-batch.
                    assertThat(resources.path(queue).path("Properties").path("VisibilityTimeout").asInt())
                            .as("%s VisibilityTimeout", queue)
                            .isGreaterThanOrEqualTo(6 * effective(function.getValue(), "Timeout").asInt(3));
                } else {
                    assertThat(JSON.valueToTree(List.of("DropTable", "StreamArn")).equals(
                            properties.path("Stream").path("Fn::GetAtt")))
                            .as("%s event %s reads DropTable's stream", function.getKey(), event.getKey()).isTrue();
                }
            }
        }
        assertThat(sources).as("queue and stream event sources").isGreaterThan(0);
    }

    @Test
    void everyQueue_isEncryptedAndEverySourceQueueHasADeadLetterQueue() {
        resources.properties().forEach(resource -> {
            if (!resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                return;
            }
            JsonNode properties = resource.getValue().path("Properties");
            assertThat(properties.path("SqsManagedSseEnabled").asBoolean()).as("%s SSE", resource.getKey()).isTrue();
            if (!resource.getKey().contains("DeadLetter")) {
                JsonNode redrive = properties.path("RedrivePolicy");
                assertThat(redrive.path("maxReceiveCount").asInt()).as("%s maxReceiveCount", resource.getKey())
                        .isPositive();
                assertThat(resources.path(getAttTarget(redrive.path("deadLetterTargetArn"))).path("Type").asText())
                        .as("%s dead-letter queue", resource.getKey()).isEqualTo("AWS::SQS::Queue");
            }
        });
        // Messages carry their own DelaySeconds; a queue-level delay would add to every one.
        assertThat(resources.path("HoldExpiryQueue").path("Properties").has("DelaySeconds")).isFalse();
    }

    @Test
    void everyRule_matchesItsRuleFile() throws IOException {
        Map<String, JsonNode> rules = new TreeMap<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                rules.put(resource.getKey(), resource.getValue());
            }
        });
        Set<String> ruleNames = new TreeSet<>();
        for (Map.Entry<String, JsonNode> rule : rules.entrySet()) {
            JsonNode properties = rule.getValue().path("Properties");
            String ruleName = properties.path("Name").asText();
            ruleNames.add(ruleName);
            Path file = root.resolve("events/rules").resolve(ruleName + ".json");
            assertThat(file).as("%s: rule file for Name %s", rule.getKey(), ruleName).isRegularFile();
            JsonNode ruleFile = JSON.readTree(file.toFile());

            assertThat(properties.path("EventPattern")).as("%s EventPattern", rule.getKey())
                    .isEqualTo(ruleFile.path("eventPattern"));
            assertThat(properties.path("EventBusName").path("Ref").asText()).as("%s bus", rule.getKey())
                    .isEqualTo("EventBus");

            // The file's logical target (fulfilment-queue) is the template's resource (FulfilmentQueue).
            String target = pascalCase(ruleFile.path("target").asText());
            List<String> targets = new ArrayList<>();
            properties.path("Targets").forEach(t -> targets.add(getAttTarget(t.path("Arn"))));
            assertThat(targets).as("%s targets", rule.getKey()).containsExactly(target);
            if (resources.path(target).path("Type").asText().equals("AWS::SQS::Queue")) {
                assertThat(queuePolicyAllowsRule(target, rule.getKey()))
                        .as("a queue policy lets rule %s send to %s", rule.getKey(), target).isTrue();
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("events/rules"))) {
            Set<String> fileNames = new TreeSet<>(files
                    .map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".json"))
                    .map(file -> file.substring(0, file.length() - ".json".length()))
                    .toList());
            assertThat(ruleNames).as("rules in the template").isEqualTo(fileNames);
        }
    }

    @Test
    void table_hasTheStreamAndTimeToLiveTheCodeUses() throws IOException {
        JsonNode table = resources.path("DropTable").path("Properties");
        String dropTableSource = Files.readString(root.resolve(
                "infrastructure/src/main/java/dev/microdrop/infrastructure/dynamodb/DropTable.java"));

        assertThat(table.path("StreamSpecification").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(dropTableSource).contains("StreamViewType.NEW_AND_OLD_IMAGES");
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
        assertThat(dropTableSource).contains("TTL_ATTRIBUTE = \"expiresAt\"");
    }

    @Test
    void table_hasTheOrdersByDropIndexTheCodeQueries() throws IOException {
        JsonNode table = resources.path("DropTable").path("Properties");
        String dropTableSource = Files.readString(root.resolve(
                "infrastructure/src/main/java/dev/microdrop/infrastructure/dynamodb/DropTable.java"));
        Matcher projection = Pattern.compile("ORDERS_BY_DROP_PROJECTION = List\\.of\\(([^)]*)\\)")
                .matcher(dropTableSource);
        assertThat(projection.find()).as("DropTable.ORDERS_BY_DROP_PROJECTION").isTrue();
        List<String> projected = Pattern.compile("\"([^\"]+)\"").matcher(projection.group(1)).results()
                .map(m -> m.group(1)).toList();

        assertThat(dropTableSource).contains("ORDERS_BY_DROP_INDEX = \"gsi1\"", "GSI1_PK = \"gsi1pk\"",
                "GSI1_SK = \"gsi1sk\"");
        List<JsonNode> indexes = new ArrayList<>();
        table.path("GlobalSecondaryIndexes").forEach(indexes::add);
        assertThat(indexes).hasSize(1);
        JsonNode index = indexes.getFirst();
        assertThat(index.path("IndexName").asText()).isEqualTo("gsi1");
        assertThat(index.path("KeySchema").toString())
                .isEqualTo("[{\"AttributeName\":\"gsi1pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"gsi1sk\",\"KeyType\":\"RANGE\"}]");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("INCLUDE");
        List<String> templateProjection = new ArrayList<>();
        index.path("Projection").path("NonKeyAttributes").forEach(a -> templateProjection.add(a.asText()));
        assertThat(templateProjection).containsExactlyElementsOf(projected);
        assertThat(table.path("AttributeDefinitions").toString()).contains("\"AttributeName\":\"gsi1pk\",\"AttributeType\":\"S\"")
                .contains("\"AttributeName\":\"gsi1sk\",\"AttributeType\":\"S\"");
    }

    @Test
    void everyReference_namesSomethingTheTemplateDeclares() {
        Set<String> known = new HashSet<>();
        resources.fieldNames().forEachRemaining(known::add);
        template.path("Parameters").fieldNames().forEachRemaining(known::add);
        // What the SAM transform generates from a function: its URL, alias, version and role.
        functions().forEach((name, fn) -> {
            known.add(name + "Role");
            known.add(name + "Alias" + effective(fn, "AutoPublishAlias").asText());
            if (fn.path("Properties").has("FunctionUrlConfig")) {
                known.add(name + "Url");
            }
        });
        Set<String> referenced = new TreeSet<>();
        collectReferences(template.path("Resources"), referenced);
        collectReferences(template.path("Globals"), referenced);
        collectReferences(template.path("Outputs"), referenced);
        referenced.removeIf(reference -> reference.startsWith("AWS::"));
        assertThat(known).containsAll(referenced);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey(), resource.getValue());
            }
        });
        assertThat(functions).isNotEmpty();
        return functions;
    }

    /** A function's property, or the Globals' when the function does not set it. */
    private static JsonNode effective(JsonNode function, String property) {
        JsonNode own = function.path("Properties").path(property);
        return own.isMissingNode() ? globals.path(property) : own;
    }

    /** The function's environment as SAM merges it: the Globals' variables, then the function's own. */
    private static Map<String, String> environment(JsonNode function) {
        Map<String, String> environment = new TreeMap<>();
        Stream.of(globals, function.path("Properties"))
                .map(node -> node.path("Environment").path("Variables"))
                .forEach(variables -> variables.properties().forEach(variable -> environment.put(variable.getKey(),
                        variable.getValue().isValueNode() ? variable.getValue().asText() : variable.getValue().toString())));
        return environment;
    }

    private static Path applicationSource(JsonNode function) {
        String codeUri = function.path("Properties").path("CodeUri").asText();
        String mainClass = environment(function).get("MAIN_CLASS");
        return root.resolve(codeUri).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java");
    }

    private static boolean containsApplicationClass(Path sources) {
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).anyMatch(file -> {
                try {
                    return Files.readString(file).contains("@SpringBootApplication");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring's relaxed binding, as our variables spell it: microdrop.payments.expiry-queue-url to MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL. */
    private static String environmentName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String pascalCase(String kebab) {
        StringBuilder pascal = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                pascal.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return pascal.toString();
    }

    /** The logical id in {@code Fn::GetAtt: [Id, Attribute]}. */
    private static String getAttTarget(JsonNode node) {
        JsonNode getAtt = node.path("Fn::GetAtt");
        return getAtt.isArray() ? getAtt.path(0).asText() : getAtt.asText().split("\\.")[0];
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static boolean queuePolicyAllowsRule(String queue, String rule) {
        List<Boolean> found = new ArrayList<>();
        resources.properties().forEach(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    || properties.path("Queues").findValuesAsText("Ref").stream().noneMatch(queue::equals)) {
                return;
            }
            properties.path("PolicyDocument").path("Statement").forEach(statement -> {
                boolean allows = statement.path("Effect").asText().equals("Allow")
                        && statement.path("Principal").path("Service").asText().equals("events.amazonaws.com")
                        && statement.path("Action").asText().equals("sqs:SendMessage")
                        && getAttTarget(statement.path("Resource")).equals(queue)
                        && getAttTarget(statement.path("Condition").path("ArnEquals").path("aws:SourceArn")).equals(rule);
                found.add(allows);
            });
        });
        return found.contains(true);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!.]+)(?:\\.[^}]*)?}");

    private static void collectReferences(JsonNode node, Set<String> referenced) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                switch (field.getKey()) {
                    case "Ref" -> referenced.add(field.getValue().asText());
                    case "Fn::GetAtt" -> referenced.add(getAttTarget(node));
                    case "Fn::Sub" -> {
                        JsonNode sub = field.getValue();
                        String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
                        Set<String> local = new HashSet<>();
                        if (sub.isArray()) {
                            sub.path(1).fieldNames().forEachRemaining(local::add);
                            collectReferences(sub.path(1), referenced);
                        }
                        Matcher variables = SUB_VARIABLE.matcher(text);
                        while (variables.find()) {
                            if (!local.contains(variables.group(1))) {
                                referenced.add(variables.group(1));
                            }
                        }
                        return;
                    }
                    default -> {
                    }
                }
                collectReferences(field.getValue(), referenced);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, referenced));
        }
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("template.yaml"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("a directory above the working directory holds template.yaml").isNotNull();
        return directory;
    }
}
