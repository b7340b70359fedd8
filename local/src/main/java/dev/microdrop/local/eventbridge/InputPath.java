package dev.microdrop.local.eventbridge;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target's InputPath, the JSONPath subset EventBridge rules use in practice: {@code $}, {@code $.detail.orderId},
 * {@code $['detail-type']}, {@code $.detail.lines[0]}. Filters and wildcards are refused at PutTargets rather than
 * silently delivering something else.
 */
final class InputPath {

    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_$-]+)|\\['([^']+)']|\\[(\\d+)]");

    private InputPath() {
    }

    static JsonPointer compile(String path) {
        if (!path.startsWith("$")) {
            throw invalid(path);
        }
        StringBuilder pointer = new StringBuilder();
        Matcher step = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!step.find(at) || step.start() != at) {
                throw invalid(path);
            }
            String name = step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2) : step.group(3);
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            at = step.end();
        }
        return JsonPointer.compile(pointer.toString());
    }

    private static AwsJsonError invalid(String path) {
        return AwsJsonError.validation("InputPath " + path + " is not supported by the local event bus: use $, "
                + "$.name.name, $['name'] or [index] steps.");
    }
}
