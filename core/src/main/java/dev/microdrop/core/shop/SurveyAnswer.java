package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Objects;

/** A buyer's answer to "how likely are you to recommend us" after a drop: 0 (not at all) to 10 (extremely). */
public record SurveyAnswer(String dropId, BuyerId buyerId, int score, Instant at) {

    public SurveyAnswer {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(at, "at");
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("a score is 0..10");
        }
    }
}
