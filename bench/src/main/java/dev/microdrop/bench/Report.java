package dev.microdrop.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario prints: a few lines for people, the command that reproduces the run, and last one JSON object
 * with every figure, for tools. A figure that does not apply (no sell-out, say) is {@code null}, never left out.
 */
final class Report {

    /** Plain decimals: 1200, not 1.2E+3. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private boolean failed;

    Report put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** A figure rounded to {@code digits} decimals; NaN and infinity become null. */
    Report put(String name, double value, int digits) {
        return put(name, Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros() : null);
    }

    Report line(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
        return this;
    }

    /** Marks the run as failed (an oversell, broken counters): the launcher then exits non-zero. */
    Report fail(String why) {
        failed = true;
        return line("FAILED: %s", why);
    }

    boolean failed() {
        return failed;
    }

    void print(PrintStream out, String command) {
        lines.forEach(out::println);
        out.println("reproduce: " + command);
        try {
            out.println(MAPPER.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report holds only numbers, strings, lists and maps", e);
        }
        out.flush();
    }
}
