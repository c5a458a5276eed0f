package io.kwsstudio.dataset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Expected values computed with Python's hashlib using the reference which_set formula. */
class SplitRuleTest {

    @ParameterizedTest
    @CsvSource({
            "0a7c2a8d_nohash_0.wav, 56.8363871935, TRAINING",
            "3cfc6b3a_nohash_2.wav, 54.4360693875, TRAINING",
            "bd76a7fd_nohash_0.wav, 70.8131385655, TRAINING",
            "my recording.wav,      96.7423975225, TRAINING",
            "1b4c9b89_nohash_0.wav, 12.1915386035, TESTING",
            "9a7c1f83_nohash_0.wav, 11.5849443643, TESTING",
            "8b529b4a_nohash_0.wav, 13.9536612775, TESTING",
            "5eb561a4_nohash_0.wav, 7.1971156239,  VALIDATION",
            "8a7d43b5_nohash_0.wav, 8.9020126231,  VALIDATION",
    })
    void matchesPythonHashlib(String name, double pct, Split expected) {
        assertThat(SplitRule.hashPercent(name)).isCloseTo(pct, within(1e-8));
        assertThat(SplitRule.DEFAULT.assign(name)).isEqualTo(expected);
    }

    @Test
    void allClipsOfASpeakerShareTheirSet() {
        assertThat(SplitRule.hashPercent("0a7c2a8d_nohash_0.wav")).isEqualTo(SplitRule.hashPercent("0a7c2a8d_nohash_17.wav"));
    }

    @Test
    void listFilesTakePrecedenceAndEverythingElseTrains() {
        Set<String> val = Set.of("yes/bd76a7fd_nohash_0.wav");
        Set<String> test = Set.of("yes/0a7c2a8d_nohash_0.wav");
        SplitRule r = SplitRule.DEFAULT;
        assertThat(r.assign("yes", "bd76a7fd_nohash_0.wav", val, test)).isEqualTo(Split.VALIDATION);
        assertThat(r.assign("yes", "0a7c2a8d_nohash_0.wav", val, test)).isEqualTo(Split.TESTING);
        // hashes to testing, but the lists exist and do not name it
        assertThat(r.assign("yes", "1b4c9b89_nohash_0.wav", val, test)).isEqualTo(Split.TRAINING);
        assertThat(r.assign("yes", "1b4c9b89_nohash_0.wav", Set.of(), Set.of())).isEqualTo(Split.TESTING);
    }

    @Test
    void percentagesAreChecked() {
        assertThatThrownBy(() -> new SplitRule(60, 50)).hasMessageContaining("at most 100");
        assertThat(new SplitRule(0, 0).assign("1b4c9b89_nohash_0.wav")).isEqualTo(Split.TRAINING);
    }
}
