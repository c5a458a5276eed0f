package io.kwsstudio.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AugmentConfigTest {

    private static final AugmentConfig D = AugmentConfig.defaults();

    @Test
    void defaultsAreTheReferenceTrainersSettings() {
        assertThat(D.backgroundNoise()).isTrue();
        assertThat(D.backgroundFrequency()).isEqualTo(0.8);
        assertThat(D.backgroundVolumeMin()).isEqualTo(0.0);
        assertThat(D.backgroundVolumeMax()).isEqualTo(0.1);
        assertThat(D.useSnr()).isFalse();
        assertThat(D.timeShift()).isTrue();
        assertThat(D.timeShiftMs()).isEqualTo(100);
        assertThat(D.timeStretch()).isFalse();
        assertThat(D.stretchMin()).isEqualTo(0.85);
        assertThat(D.stretchMax()).isEqualTo(1.15);
        assertThat(D.pitchShift()).isFalse();
        assertThat(D.pitchSemitones()).isEqualTo(2.0);
        assertThat(D.gain()).isFalse();
        assertThat(D.silencePercentage()).isEqualTo(10.0);
        assertThat(D.unknownPercentage()).isEqualTo(10.0);
        assertThat(D.wantedWords()).containsExactly("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    }

    @Test
    void noneSwitchesEveryAugmentationOffButKeepsTheClassSettings() {
        AugmentConfig none = AugmentConfig.none();
        assertThat(none.anyAugmentation()).isFalse();
        assertThat(D.anyAugmentation()).isTrue();
        assertThat(none.silencePercentage()).isEqualTo(10.0);
        assertThat(none.wantedWords()).isEqualTo(D.wantedWords());

        AugmentConfig mine = D.withTimeStretch(true).withPitchShift(true).withGain(true)
                .withWantedWords(List.of("marvin")).withSeed(7);
        AugmentConfig off = mine.withoutAugmentation();
        assertThat(off.anyAugmentation()).isFalse();
        assertThat(off.wantedWords()).containsExactly("marvin");
        assertThat(off.seed()).isEqualTo(7);
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        AugmentConfig all = D.withBackgroundNoise(false).withBackgroundFrequency(0.3).withBackgroundVolume(0.05, 0.4)
                .withUseSnr(true).withSnrDb(-3, 17.5).withTimeShift(false).withTimeShiftMs(250)
                .withTimeStretch(true).withStretchProbability(0.7).withStretchRange(0.9, 1.3)
                .withPitchShift(true).withPitchProbability(0.25).withPitchSemitones(3.5)
                .withGain(true).withGainProbability(0.6).withGainDb(-12, 3)
                .withSilencePercentage(12.5).withUnknownPercentage(250).withWantedWords(List.of("marvin", "sheila"))
                .withSeed(-1234567890123L);

        String json = all.toJson();

        assertThat(AugmentConfig.fromJson(json)).isEqualTo(all);
        assertThat(AugmentConfig.fromJson(D.toJson())).isEqualTo(D);
        assertThat(json).contains("\"background_volume_max\"", "\"snr_min_db\"", "\"time_shift_ms\"",
                "\"wanted_words\"", "\"silence_percentage\"", "\"use_snr\"");
    }

    @Test
    void missingOrNullFieldsTakeTheDefaultsAndUnknownOnesAreIgnored() {
        assertThat(AugmentConfig.fromJson("{}")).isEqualTo(D);
        assertThat(AugmentConfig.fromJson("{\"time_shift_ms\": 50, \"seed\": null, \"from_the_future\": true}"))
                .isEqualTo(D.withTimeShiftMs(50));
        assertThat(AugmentConfig.fromJson("{\"wanted_words\": [\"a\", \"b\"]}").wantedWords()).containsExactly("a", "b");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((Supplier<AugmentConfig>) () -> D.withBackgroundFrequency(-0.1), "background frequency must be a probability between 0 and 1"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withBackgroundFrequency(Double.NaN), "background frequency must be a probability"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withStretchProbability(1.5), "stretch probability must be a probability"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withPitchProbability(-1), "pitch probability"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withGainProbability(2), "gain probability"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withBackgroundVolume(0.3, 0.1), "background volume range is backwards: minimum 0.3 is above maximum 0.1"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withBackgroundVolume(-0.1, 0.1), "background volume must stay between 0 and 1"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withBackgroundVolume(0, 5), "background volume must stay between 0 and 1"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withSnrDb(20, 5), "SNR (dB) range is backwards"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withSnrDb(Double.NaN, 5), "SNR (dB) range needs two numbers"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withSnrDb(0, 500), "SNR (dB) must stay between -30 and 80"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withTimeShiftMs(-5), "time shift must be between 0 and"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withStretchRange(1.2, 0.9), "stretch factor range is backwards"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withStretchRange(0.1, 1.1), "stretch factor must stay between 0.5 and 2"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withPitchSemitones(-1), "pitch shift must be between 0 and 12 semitones"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withGainDb(6, -6), "gain (dB) range is backwards"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withGainDb(0, Double.POSITIVE_INFINITY), "gain (dB) range needs two numbers"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withSilencePercentage(-10), "silence percentage must be between 0 and"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withUnknownPercentage(Double.NaN), "unknown percentage"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withWantedWords(List.of()), "choose at least one wanted word"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withWantedWords(List.of("yes", "Yes")), "wanted word 'Yes' is listed twice"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withWantedWords(List.of("yes", " ")), "wanted words cannot be empty"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withWantedWords(List.of("_unknown_")), "_unknown_ is made by the trainer"),
                Arguments.of((Supplier<AugmentConfig>) () -> D.withWantedWords(List.of("_background_noise_")), "cannot be a wanted word"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void nonsenseIsRejectedInPlainWords(Supplier<AugmentConfig> make, String message) {
        assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void invalidJsonValuesAreRejectedWithTheSameMessages() {
        assertThatThrownBy(() -> AugmentConfig.fromJson("{\"background_frequency\": -1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("background frequency must be a probability between 0 and 1, was -1");
        assertThatThrownBy(() -> AugmentConfig.fromJson("{\"snr_min_db\": 30, \"snr_max_db\": 10}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SNR (dB) range is backwards: minimum 30 is above maximum 10");
        assertThatThrownBy(() -> AugmentConfig.fromJson("{\"time_shift_ms\": \"lots\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("augmentation setting 'time_shift_ms' has the wrong type");
        assertThatThrownBy(() -> AugmentConfig.fromJson("{\"wanted_words\": []}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("choose at least one wanted word");
        assertThatThrownBy(() -> AugmentConfig.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AugmentConfig.fromJson("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("augmentation settings must be a JSON object");
    }

    @Test
    void wordListIsCopiedAndUnmodifiable() {
        List<String> words = new java.util.ArrayList<>(List.of("a", "b"));
        AugmentConfig c = D.withWantedWords(words);
        words.add("c");
        assertThat(c.wantedWords()).containsExactly("a", "b");
        assertThatThrownBy(() -> c.wantedWords().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesChangeOnlyTheirOwnField() {
        AugmentConfig c = D.withGainDb(-3, 9);
        assertThat(c.gainMinDb()).isEqualTo(-3);
        assertThat(c.gainMaxDb()).isEqualTo(9);
        assertThat(c.withGainDb(D.gainMinDb(), D.gainMaxDb())).isEqualTo(D);
        assertThat(D.withSeed(1).withSeed(D.seed())).isEqualTo(D);
    }
}
