package dev.microdrop.waves;

import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fired by EventBridge Scheduler (one one-time schedule per wave) or by a merchant's "release now". Every expected
 * answer (released, already released, closed) returns normally, so the scheduler does not retry; only the
 * unexpected throws, so the scheduler retries per its policy and then dead-letters the firing.
 */
public final class WaveHandler implements Function<WaveFired, Map<String, Object>> {

    private static final Logger log = LoggerFactory.getLogger(WaveHandler.class);

    private final WaveService waves;

    public WaveHandler(WaveService waves) {
        this.waves = waves;
    }

    @Override
    public Map<String, Object> apply(WaveFired fired) {
        if (fired == null || !Ids.isId(fired.dropId()) || fired.wave() < 1) {
            log.warn("wave firing ignored: not a wave of a drop");
            return Map.of("result", "ignored", "why", "not a wave of a drop");
        }
        WaveResult result = waves.fire(fired.dropId(), fired.wave());
        log.info("wave {} of {}: {}", fired.wave(), fired.dropId(), result);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dropId", fired.dropId());
        answer.put("wave", fired.wave());
        switch (result) {
            case WaveResult.Released released -> {
                answer.put("result", "released");
                answer.put("units", released.units());
            }
            case WaveResult.AlreadyReleased ignored -> answer.put("result", "already-released");
            case WaveResult.NotReleased notReleased -> {
                answer.put("result", "not-released");
                answer.put("why", notReleased.why());
            }
        }
        return answer;
    }
}
