package dev.microdrop.local.scheduler;

/**
 * An error the way EventBridge Scheduler's REST-JSON protocol returns it: an HTTP status, the error type (sent as
 * the {@code x-amzn-ErrorType} header) the SDK maps to its typed exception, and a message.
 */
final class SchedulerError extends RuntimeException {

    private final int status;
    private final String type;

    SchedulerError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static SchedulerError validation(String message) {
        return new SchedulerError(400, "ValidationException", message);
    }

    static SchedulerError notFound(String message) {
        return new SchedulerError(404, "ResourceNotFoundException", message);
    }

    static SchedulerError conflict(String message) {
        return new SchedulerError(409, "ConflictException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
