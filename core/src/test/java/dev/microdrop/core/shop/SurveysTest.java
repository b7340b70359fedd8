package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.notification.SurveyTokens;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One answer per buyer and drop, the first; a link that is not ours, changed or expired records nothing. */
class SurveysTest {

    private static final byte[] KEY = "survey-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final BuyerId ADA = new BuyerId("b_00000000000000000000000000000ada");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final SurveyTokens tokens = new SurveyTokens(KEY);
    private final Surveys surveys = new Surveys(records, tokens, clock);
    private final String token = tokens.issue("d1", ADA, T0.plus(SurveyTokens.LINK_LIFETIME));

    @Test
    void theFirstAnswerIsRecorded_andASecondIsToldIt() {
        SurveyAnswer first = new SurveyAnswer("d1", ADA, 9, T0);

        assertThat(surveys.answer(token, 9)).isEqualTo(new Surveys.Recorded(first));
        clock.advance(Duration.ofMinutes(1));
        assertThat(surveys.answer(token, 3)).isEqualTo(new Surveys.AnsweredBefore(first));
        assertThat(surveys.answer(tokens.issue("d2", ADA, T0.plus(SurveyTokens.LINK_LIFETIME)), 7))
                .as("another drop is another answer").isInstanceOf(Surveys.Recorded.class);
        assertThat(records.surveys()).hasSize(2);
    }

    @Test
    void aBadLinkOrScore_recordsNothing() {
        String otherKey = new SurveyTokens("another-key-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))
                .issue("d1", ADA, T0.plusSeconds(60));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        assertThat(surveys.answer(otherKey, 9)).isEqualTo(new Surveys.LinkRefused());
        assertThat(surveys.answer(tampered, 9)).isEqualTo(new Surveys.LinkRefused());
        assertThat(surveys.answer("s1.@@@.###", 9)).isEqualTo(new Surveys.LinkRefused());
        assertThat(surveys.answer(null, 9)).isEqualTo(new Surveys.LinkRefused());
        assertThat(surveys.answer(token, 11)).isEqualTo(new Surveys.ScoreRefused());
        assertThat(surveys.answer(token, -1)).isEqualTo(new Surveys.ScoreRefused());
        clock.advance(SurveyTokens.LINK_LIFETIME);
        assertThat(surveys.answer(token, 9)).as("expired").isEqualTo(new Surveys.LinkRefused());
        assertThat(records.surveys()).isEmpty();
    }
}
