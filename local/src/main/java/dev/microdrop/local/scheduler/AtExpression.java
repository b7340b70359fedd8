package dev.microdrop.local.scheduler;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-time schedule expression, {@code at(yyyy-mm-ddThh:mm:ss)}, read in its ScheduleExpressionTimezone (UTC when
 * none is given), as EventBridge Scheduler reads it. Recurring {@code rate(...)} and {@code cron(...)} expressions
 * are refused: the local scheduler fires one-time schedules only.
 */
final class AtExpression {

    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

    private AtExpression() {
    }

    /** The instant the expression names. */
    static Instant due(String expression, String timezone) {
        ZoneId zone = zone(timezone);
        if (expression.startsWith("rate(") || expression.startsWith("cron(")) {
            throw SchedulerError.validation("Recurring schedules (rate and cron expressions) are not supported by "
                    + "the local scheduler; use a one-time at(yyyy-mm-ddThh:mm:ss) expression: " + expression);
        }
        Matcher at = AT.matcher(expression);
        if (!at.matches()) {
            throw SchedulerError.validation("Invalid Schedule Expression " + expression + ".");
        }
        try {
            // In a daylight-saving gap the time moves forward; in an overlap the earlier offset wins.
            return LocalDateTime.parse(at.group(1)).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw SchedulerError.validation("Invalid Schedule Expression " + expression + ".");
        }
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw SchedulerError.validation("Invalid ScheduleExpressionTimezone " + timezone + ".");
        }
    }
}
