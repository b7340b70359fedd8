package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.preorder.PreorderRuns;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the merchant sets going: a wave released now, a pre-order run confirmed or cancelled. */
final class RunRoutes {

    private static final Pattern WAVE_NUMBER = Pattern.compile("[1-9][0-9]{0,2}");

    private final WaveService waves;
    private final PreorderRuns preorderRuns;
    private final Responses responses;

    RunRoutes(WaveService waves, PreorderRuns preorderRuns, Responses responses) {
        this.waves = waves;
        this.preorderRuns = preorderRuns;
        this.responses = responses;
    }

    /** {@code POST .../waves/{wave}/release}: releases the wave now, once; a wave the drop does not have is named. */
    APIGatewayV2HTTPResponse release(DropSnapshot snapshot, String wave) {
        String dropId = snapshot.drop().dropId();
        Optional<Integer> number = waveNumber(snapshot.drop(), wave);
        if (number.isEmpty()) {
            List<Integer> numbers = snapshot.drop().wavePlan().waves().stream().map(w -> w.number()).toList();
            return responses.problem(ProblemType.WAVE_NOT_FOUND, "Drop " + dropId + " has no wave \""
                    + MerchantBodies.printable(wave) + "\": its waves are numbered " + numbers + ".",
                    Map.of("waves", numbers), Map.of());
        }
        return released(waves.fire(dropId, number.get()));
    }

    /** The wave {@code text} names: a plain decimal number of one of the drop's waves; empty otherwise. */
    private static Optional<Integer> waveNumber(Drop drop, String text) {
        if (!WAVE_NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(text);
        return drop.wavePlan().waves().stream().anyMatch(w -> w.number() == number) ? Optional.of(number)
                : Optional.empty();
    }

    private APIGatewayV2HTTPResponse released(WaveResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (result) {
            case WaveResult.Released released -> {
                body.put("result", "released");
                body.put("wave", released.wave());
                body.put("units", released.units());
            }
            case WaveResult.AlreadyReleased already -> {
                body.put("result", "already-released");
                body.put("wave", already.wave());
            }
            case WaveResult.NotReleased not -> {
                body.put("result", "not-released");
                body.put("why", not.why());
            }
        }
        return responses.json(200, body, Map.of("cache-control", "no-store"));
    }

    /**
     * {@code POST /merchant/drops/{id}/preorders/confirm} (every reserved pre-order owes its balance) or
     * {@code .../cancel} (every reserved or confirmed pre-order is refunded its deposit). Idempotent: a second call
     * finds nothing left to change and says so.
     */
    APIGatewayV2HTTPResponse preorderRun(Drop drop, boolean confirm) {
        if (drop.preorder() == null) {
            return responses.problem(ProblemType.PREORDERS_CLOSED, "Drop " + drop.dropId() + " takes no pre-orders.");
        }
        if (preorderRuns == null) {
            return responses.problem(ProblemType.PAYMENT_PROVIDER_UNAVAILABLE,
                    "This merchant function has no payment provider configured; nothing was changed.");
        }
        PreorderRuns.RunResult result = confirm ? preorderRuns.confirm(drop.dropId()) : preorderRuns.cancel(drop.dropId());
        return responses.json(200, Map.of("dropId", drop.dropId(), "result", confirm ? "confirmed" : "cancelled",
                "changed", result.changed(), "unchanged", result.unchanged()), Map.of("cache-control", "no-store"));
    }
}
