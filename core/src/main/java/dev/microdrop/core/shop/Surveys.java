package dev.microdrop.core.shop;

import dev.microdrop.core.notification.SurveyTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The post-drop survey's answers ({@code POST /shop/survey}): "how likely are you to recommend us", 0 to 10, one
 * answer per buyer and drop. The first answer stays; a second is told the first and changes nothing (a buyer who
 * clicks two scores in the mail, or the same one twice, is counted once, as they first said).
 */
public final class Surveys {

    /** What answering came to. */
    public sealed interface Outcome {
    }

    /** Recorded: {@code answer} is the buyer's. */
    public record Recorded(SurveyAnswer answer) implements Outcome {
    }

    /** The buyer answered before: {@code first} stays, this answer changed nothing. */
    public record AnsweredBefore(SurveyAnswer first) implements Outcome {
    }

    /** The link is not ours, was changed, or expired; nothing was written. */
    public record LinkRefused() implements Outcome {
    }

    /** The score is not a whole number 0..10; nothing was written. */
    public record ScoreRefused() implements Outcome {
    }

    private final ShopRecords records;
    private final SurveyTokens tokens;
    private final Clock clock;

    public Surveys(ShopRecords records, SurveyTokens tokens, Clock clock) {
        this.records = records;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Outcome answer(String token, int score) {
        Instant now = clock.instant();
        Optional<SurveyTokens.Respondent> respondent = tokens.verify(token, now);
        if (respondent.isEmpty()) {
            return new LinkRefused();
        }
        if (score < 0 || score > 10) {
            return new ScoreRefused();
        }
        SurveyAnswer answer = new SurveyAnswer(respondent.get().dropId(), respondent.get().buyerId(), score, now);
        return records.answer(answer).<Outcome>map(AnsweredBefore::new).orElseGet(() -> new Recorded(answer));
    }
}
