package dev.microdrop.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One microdrop function: a Spring Cloud Function bean behind {@code FunctionInvoker}, Java 21, SnapStart on
 * published versions, the alias {@code live} that every URL, event source and schedule points at, JSON logs into
 * its own log group with a retention period, its own role (no managed policy: it may write only its own log group
 * until the stack grants it more), and alarms on its errors and throttles.
 */
public final class SnapStartFunction extends Construct {

    public static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    public static final String ALIAS = "live";

    /**
     * 1024 MB: Lambda gives CPU in proportion to memory, and at 1024 MB a restored Spring context answers its first
     * request in well under a second; below that the first buyers of a drop (who all arrive cold) wait for the CPU.
     * The heap after init is far below it, so more memory buys only CPU we do not need between drops.
     */
    public static final int MEMORY_MB = 1024;

    /**
     * 10 s: a request is a handful of DynamoDB calls with client timeouts well under a second each, plus at most one
     * Stripe call; anything slower is stuck, and failing it lets the buyer retry with the same idempotency key. The
     * queues' visibility timeouts are 6 x this (Lambda's advice for SQS sources): change them together.
     */
    public static final int TIMEOUT_SECONDS = 10;

    /** A month of logs covers a drop and its refunds window; the ledger in the table is the lasting record. */
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;
    private final List<Alarm> alarms;

    /**
     * @param name        the function's name in template.yaml without "Function" (Catalog, PaymentsWebhook, ...)
     * @param code        the module's artifact
     * @param mainClass   the module's Spring application class
     * @param definition  the Spring Cloud Function bean
     * @param environment the function's own variables, besides MAIN_CLASS and SPRING_CLOUD_FUNCTION_DEFINITION
     * @param description the function's description
     * @param reservedConcurrency its reserved concurrency, or null to share the account's unreserved pool
     */
    public SnapStartFunction(Construct scope, String name, Code code, String mainClass, String definition,
                             Map<String, String> environment, String description, Integer reservedConcurrency) {
        super(scope, name);
        logGroup = LogGroup.Builder.create(this, "Logs").retention(LOG_RETENTION).build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + name + " function; grants in DropStack.")
                .build();
        logGroup.grantWrite(role);

        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("MAIN_CLASS", mainClass);
        variables.put("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
        // C1 only: a short-lived function gains more from fast start-up than from C2.
        variables.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        variables.putAll(environment);

        function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(HANDLER)
                .code(code)
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(variables)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .description(description)
                .reservedConcurrentExecutions(reservedConcurrency)
                .build();
        // SnapStart snapshots a published version; the alias moves to each new one on deploy.
        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every deploy publishes a version (currentVersion) and moves the alias live to it");

        alarms = List.of(
                alarm("Errors", function.metricErrors(perMinute()), name + " threw: see its log group"),
                alarm("Throttles", function.metricThrottles(perMinute()),
                        name + " was throttled: its reserved concurrency (-c reservedConcurrency) or the account's "
                                + "concurrency limit is too low for this load; raise it before the next wave"));
    }

    private static MetricOptions perMinute() {
        return MetricOptions.builder().period(Duration.minutes(1)).statistic("Sum").build();
    }

    private Alarm alarm(String id, IMetric metric, String description) {
        return Alarm.Builder.create(this, id + "Alarm")
                .metric(metric)
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    public List<Alarm> alarms() {
        return alarms;
    }
}
