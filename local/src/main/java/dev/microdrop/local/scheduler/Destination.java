package dev.microdrop.local.scheduler;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A target or dead-letter ARN the local scheduler can deliver to: an SQS queue, or a Lambda function in-process. */
record Destination(String arn, Kind kind, String name) {

    enum Kind { SQS, LAMBDA }

    private static final Pattern SQS = Pattern.compile("arn:aws[a-z-]*:sqs:[^:]*:[^:]*:([^:]+)");
    // A qualifier (version or alias) names the same local consumer.
    private static final Pattern LAMBDA =
            Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?");

    /** Null if the local scheduler cannot deliver to this ARN. */
    static Destination parse(String arn) {
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

    boolean fifo() {
        return kind == Kind.SQS && name.endsWith(".fifo");
    }
}
