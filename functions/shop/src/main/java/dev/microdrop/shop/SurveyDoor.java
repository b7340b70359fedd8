package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.shop.Surveys;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Responses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /shop/survey} {@code {token, score}}: the survey's answer. 201 with the score the first time, 200 with
 * the first score after that (the answer that counts); a link that is not ours, changed or expired is {@code
 * link-invalid}, a score that is not a whole number 0..10 {@code invalid-request}, and nothing is written.
 */
final class SurveyDoor {

    private static final Map<String, String> NO_STORE = Map.of("cache-control", "no-store");
    private static final Violation BAD_SCORE = new Violation("/score", "must be a whole number from 0 to 10");

    private final Surveys surveys;
    private final ShopBodies bodies;
    private final Responses responses;

    SurveyDoor(Surveys surveys, ShopBodies bodies, Responses responses) {
        this.surveys = surveys;
        this.bodies = bodies;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse post(HttpRequest request) {
        return bodies.json(request, "the survey answer", this::answer);
    }

    private APIGatewayV2HTTPResponse answer(JsonNode body) {
        List<Violation> shape = new ArrayList<>();
        String token = ShopBodies.text(body, "token", shape);
        JsonNode score = body.path("score");
        if (!score.isIntegralNumber() || !score.canConvertToInt()) {
            shape.add(BAD_SCORE);
        }
        if (!shape.isEmpty()) {
            return bodies.invalid(shape);
        }
        return switch (surveys.answer(token, score.intValue())) {
            case Surveys.Recorded recorded -> responses.json(201, Map.of("recorded", true,
                    "score", recorded.answer().score()), NO_STORE);
            case Surveys.AnsweredBefore before -> responses.json(200, Map.of("recorded", false,
                    "score", before.first().score()), NO_STORE);
            case Surveys.ScoreRefused refused -> bodies.invalid(List.of(BAD_SCORE));
            case Surveys.LinkRefused refused -> bodies.linkInvalid("This survey link does not work: it is not one of"
                    + " ours, was changed, or has expired.", "survey");
        };
    }
}
