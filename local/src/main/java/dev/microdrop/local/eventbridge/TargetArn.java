package dev.microdrop.local.eventbridge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A target ARN the local bus can deliver to: an SQS queue, or a Lambda function registered in-process. */
record TargetArn(String arn, Kind kind, String name) {

    enum Kind { SQS, LAMBDA }

    private static final Pattern SQS = Pattern.compile("arn:aws[a-z-]*:sqs:[^:]*:[^:]*:([^:]+)");
    // A qualifier (version or alias) names the same local handler.
    private static final Pattern LAMBDA =
            Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?");

    /** Null if the local bus cannot deliver to this ARN. */
    static TargetArn parse(String arn) {
        Matcher sqs = SQS.matcher(arn);
        if (sqs.matches()) {
            return new TargetArn(arn, Kind.SQS, sqs.group(1));
        }
        Matcher lambda = LAMBDA.matcher(arn);
        if (lambda.matches()) {
            return new TargetArn(arn, Kind.LAMBDA, lambda.group(1));
        }
        return null;
    }
}
