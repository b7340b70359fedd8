package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.CloseDrop;
import dev.microdrop.core.merchant.PublishDrop;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import java.util.List;
import java.util.Map;

/** A drop's manifest published (created or updated, its waves scheduled), and a drop closed early. */
final class PublishRoutes {

    private static final int MAX_MANIFEST_BYTES = 256 * 1024;

    private final PublishDrop publishing;
    private final CloseDrop closing;
    private final Responses responses;

    PublishRoutes(PublishDrop publishing, CloseDrop closing, Responses responses) {
        this.publishing = publishing;
        this.closing = closing;
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
        return switch (publishing.publish(merchant, drop)) {
            case PublishDrop.IdTaken taken -> responses.problem(ProblemType.DROP_ID_TAKEN, "The drop id "
                    + taken.dropId() + " belongs to another merchant; choose another.");
            case PublishDrop.Refused refused -> responses.problem(ProblemType.PUBLISH_REFUSED,
                    "Nothing was published: " + String.join("; ", refused.reasons()) + ".",
                    Map.of("reasons", refused.reasons()), Map.of());
            case PublishDrop.Published published when published.created() -> responses.json(201,
                    Map.of("dropId", published.dropId(), "result", "created", "wavesScheduled",
                            published.wavesScheduled()), Map.of("cache-control", "no-store"));
            case PublishDrop.Published published -> responses.json(200, Map.of("dropId", published.dropId(),
                    "result", "updated", "changes", published.changes(), "wavesScheduled", published.wavesScheduled()),
                    Map.of("cache-control", "no-store"));
        };
    }

    /** {@code POST /merchant/drops/{id}/close}: ends sales now; later waves release nothing. */
    APIGatewayV2HTTPResponse close(DropSnapshot snapshot) {
        return switch (closing.close(snapshot.drop())) {
            case CloseDrop.Refused refused -> responses.problem(ProblemType.PUBLISH_REFUSED,
                    "Not closed: " + String.join("; ", refused.reasons()) + ".", Map.of("reasons", refused.reasons()),
                    Map.of());
            case CloseDrop.Closed closed -> responses.json(200, Map.of("dropId", closed.dropId(),
                    "closedAt", closed.at().toString()), Map.of("cache-control", "no-store"));
        };
    }
}
