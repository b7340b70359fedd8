package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A drop's manifest published (created or updated, its waves scheduled), and a drop closed early. */
final class PublishRoutes {

    private static final int MAX_MANIFEST_BYTES = 256 * 1024;

    private final DynamoDbMerchantViews views;
    private final DynamoDbDropPublisher publisher;
    private final WaveSchedules schedules;
    private final Clock clock;
    private final Responses responses;

    PublishRoutes(DynamoDbMerchantViews views, DynamoDbDropPublisher publisher, WaveSchedules schedules,
            Clock clock, Responses responses) {
        this.views = views;
        this.publisher = publisher;
        this.schedules = schedules;
        this.clock = clock;
        this.responses = responses;
    }

    /**
     * {@code POST /merchant/drops} with the drop's YAML manifest: validates it (every error with its field and
     * line), claims the drop id for this merchant, publishes (never resetting held or sold), schedules its waves.
     */
    APIGatewayV2HTTPResponse publish(String merchant, HttpRequest request) {
        if (request.bodySize() > MAX_MANIFEST_BYTES) {
            return responses.problem(ProblemType.PAYLOAD_TOO_LARGE, "A manifest is at most " + MAX_MANIFEST_BYTES + " bytes.");
        }
        String yaml;
        try {
            yaml = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The body could not be decoded.",
                    Map.of("errors", List.of(Map.of("pointer", "", "detail", "not base64"))), Map.of());
        }
        ManifestResult parsed = YamlManifests.parse(yaml, "manifest");
        if (parsed instanceof ManifestResult.Invalid invalid) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The manifest has " + invalid.errors().size()
                    + " problem(s); see errors.", Map.of("errors", invalid.errors().stream()
                    .map(e -> Map.of("pointer", e.field(), "line", e.line(), "detail", e.message())).toList()), Map.of());
        }
        Drop drop = ((ManifestResult.Parsed) parsed).manifest().toDrop();
        if (!views.claim(drop.dropId(), merchant)) {
            return responses.problem(ProblemType.DROP_ID_TAKEN, "The drop id " + drop.dropId()
                    + " belongs to another merchant; choose another.");
        }
        PublishResult result = publisher.publish(drop, clock.instant());
        return switch (result) {
            case PublishResult.Refused refused -> responses.problem(ProblemType.PUBLISH_REFUSED,
                    "Nothing was published: " + String.join("; ", refused.reasons()) + ".",
                    Map.of("reasons", refused.reasons()), Map.of());
            case PublishResult.Created ignored -> responses.json(201, Map.of("dropId", drop.dropId(),
                    "result", "created", "wavesScheduled", schedules.schedule(drop)), Map.of("cache-control", "no-store"));
            case PublishResult.Updated updated -> responses.json(200, Map.of("dropId", drop.dropId(),
                    "result", "updated", "changes", updated.changes(), "wavesScheduled", schedules.schedule(drop)),
                    Map.of("cache-control", "no-store"));
        };
    }

    /** {@code POST /merchant/drops/{id}/close}: ends sales now; later waves release nothing. */
    APIGatewayV2HTTPResponse close(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        PublishResult closed = publisher.publish(snapshot.drop().closedAt(clock.instant()), clock.instant());
        return closed instanceof PublishResult.Refused refused
                ? responses.problem(ProblemType.PUBLISH_REFUSED, "Not closed: " + String.join("; ", refused.reasons())
                        + ".", Map.of("reasons", refused.reasons()), Map.of())
                : responses.json(200, Map.of("dropId", dropId, "closedAt", clock.instant().toString()),
                        Map.of("cache-control", "no-store"));
    }
}
