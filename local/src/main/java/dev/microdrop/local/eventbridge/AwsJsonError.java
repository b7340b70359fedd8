package dev.microdrop.local.eventbridge;

/**
 * An error the way EventBridge's AWS JSON 1.1 protocol returns it: an HTTP status, the error type the SDK maps to
 * its typed exception ({@code ValidationException} becomes the SDK's exception of that code), and a message.
 */
final class AwsJsonError extends RuntimeException {

    private final int status;
    private final String type;

    AwsJsonError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static AwsJsonError validation(String message) {
        return new AwsJsonError(400, "ValidationException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
