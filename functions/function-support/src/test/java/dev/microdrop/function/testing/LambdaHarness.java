package dev.microdrop.function.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs a function the way Lambda does: Spring Cloud Function's {@link FunctionInvoker} as the handler, the
 * application class from {@code MAIN_CLASS}, a JSON event from {@code events/} on the input stream.
 */
public final class LambdaHarness {

    private final FunctionInvoker invoker;

    public LambdaHarness(Class<?> mainClass, String definition) {
        System.setProperty("MAIN_CLASS", mainClass.getName());
        this.invoker = new FunctionInvoker(definition);
    }

    /** Invokes with the event in {@code events/<name>} and returns the response document. */
    public JsonNode invoke(String eventFile) throws Exception {
        Path event = repositoryRoot().resolve("events").resolve(eventFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(event)) {
            invoker.handleRequest(in, out, new TestContext());
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Tests run in their module's folder; the repository root is the first folder up holding events/. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The few facts a Lambda context carries; nothing here is consulted by our code. */
    private static final class TestContext implements Context {
        public String getAwsRequestId() {
            return "00000000-0000-4000-8000-000000000000";
        }

        public String getLogGroupName() {
            return "/aws/lambda/test";
        }

        public String getLogStreamName() {
            return "test";
        }

        public String getFunctionName() {
            return "test";
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:test";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        public int getMemoryLimitInMB() {
            return 1024;
        }

        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) {
                    System.out.print(message);
                }

                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
