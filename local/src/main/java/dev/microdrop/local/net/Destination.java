package dev.microdrop.local.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ARN the local bus and scheduler can deliver to: an SQS queue (on ElasticMQ), or a Lambda function whose handler
 * is registered in-process.
 */
public record Destination(String arn, Kind kind, String name) {

    public enum Kind { SQS, LAMBDA }

    private static final Pattern SQS = Pattern.compile("arn:aws[a-z-]*:sqs:[^:]*:[^:]*:([^:]+)");
    // A qualifier (version or alias) names the same local handler.
    private static final Pattern LAMBDA =
            Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?");

    /** Null if the local runtime cannot deliver to this ARN. */
    public static Destination parse(String arn) {
        Matcher sqs = SQS.matcher(arn);
        if (sqs.matches()) {
            return new Destination(arn, Kind.SQS, sqs.group(1));
        }
        Matcher lambda = LAMBDA.matcher(arn);
        if (lambda.matches()) {
            return new Destination(arn, Kind.LAMBDA, lambda.group(1));
        }
        return null;
    }

    /** A FIFO queue: the product has none, so neither the bus nor the scheduler delivers to one. */
    public boolean fifo() {
        return kind == Kind.SQS && name.endsWith(".fifo");
    }
}
