package dev.microdrop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void parse_withoutOptions_takesTheIssuesDefaults() {
        Options options = Options.parse("hot-drop");

        assertThat(options).isEqualTo(new Options("hot-drop", 10_000, 500, 64, 1, 2_000_000, Duration.ofSeconds(2), 1));
    }

    @Test
    void command_spellsOutEveryOption_soThatParsingItGivesTheSameRun() {
        Options options = Options.parse("bundle", "--buyers", "2000", "--clients", "16", "--cache-window", "PT0.5S",
                "--shards", "4");

        String command = options.command();

        assertThat(command).isEqualTo(
                "./microdrop bench bundle --buyers 2000 --units 500 --clients 16 --instances 1 --cache-window PT0.5S "
                        + "--shards 4");
        assertThat(Options.parse(command.substring("./microdrop bench ".length()).split(" "))).isEqualTo(options);
    }

    @Test
    void parse_refusesWhatItCannotRun() {
        assertThatThrownBy(() -> Options.parse("flash-sale")).hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> Options.parse("hot-drop", "--buyers")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("hot-drop", "--units", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Options.parse("catalog", "--clients", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse("hot-drop", "--shards", "17")).hasMessageContaining("1 to 16");
        assertThatThrownBy(() -> Options.parse("catalog", "--cache-window", "2s")).hasMessageContaining("ISO-8601");
    }
}
