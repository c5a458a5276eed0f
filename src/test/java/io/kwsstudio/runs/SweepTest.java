package io.kwsstudio.runs;

import io.kwsstudio.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepTest {
    private final RunConfig base = ToneDataset.config(30);

    @Test
    void gridTriesEveryCombinationWithReadableNames() {
        List<Sweep.Trial> trials = Sweep.grid(base, List.of(
                new Sweep.Values("/training/learning_rates", List.of("0.001", "0.01")),
                new Sweep.Values("/training/batch_size", List.of("16", "32", "64")),
                new Sweep.Values("/training/optimizer", List.of("adam"))));
        assertThat(trials).hasSize(6);
        assertThat(trials.get(0).name()).isEqualTo("learning_rates=0.001 batch_size=16 optimizer=adam");
        assertThat(trials.get(5).name()).isEqualTo("learning_rates=0.01 batch_size=64 optimizer=adam");
        assertThat(trials).extracting(t -> t.config().training().batchSize()).containsExactly(16, 32, 64, 16, 32, 64);
        assertThat(trials.get(4).config().training().learningRates()).containsExactly(0.01);
        assertThat(trials.get(4).config().training().optimizer()).isEqualTo(TrainConfig.Optimizer.ADAM);
        // Everything not swept stays as in the base.
        assertThat(trials.get(3).config().model()).isEqualTo(base.model());
        assertThat(trials.get(3).config().augment()).isEqualTo(base.augment());
    }

    @Test
    void aScalarFillsAListSettingAndLayerFieldsCanBeSwept() {
        RunConfig twoPhases = base.withTraining(base.training().withSchedule("20,10", "0.01,0.001"));
        Sweep.Trial t = Sweep.grid(twoPhases, List.of(new Sweep.Values("/training/learning_rates", List.of("0.003")),
                new Sweep.Values("/model/conv/0/filters", List.of("4")))).get(0);
        assertThat(t.config().training().learningRates()).containsExactly(0.003, 0.003);
        assertThat(t.config().model().conv().get(0).filters()).isEqualTo(4);
        assertThat(t.name()).isEqualTo("learning_rates=0.003 conv0.filters=4");
    }

    @Test
    void sweepingTheModelStartsEachFromItsOwnShapeAndKeepsOtherSweptValues() {
        List<Sweep.Trial> trials = Sweep.grid(base, List.of(new Sweep.Values("/model/dropout", List.of("0.3")),
                new Sweep.Values("/model/kind", List.of("tiny_conv", "ds_cnn_s", "conv"))));
        assertThat(trials).extracting(t -> t.config().model().kind().jsonName()).containsExactly("tiny_conv", "ds_cnn_s", "conv");
        assertThat(trials.get(2).config().model().conv()).hasSize(2);
        assertThat(trials).allSatisfy(t -> assertThat(t.config().model().dropout()).isEqualTo(0.3));
    }

    @Test
    void randomSearchDrawsInsideTheRangesReproducibly() {
        List<Sweep.Range> ranges = List.of(new Sweep.Range("/training/learning_rates", 1e-4, 1e-1, true, false),
                new Sweep.Range("/training/batch_size", 8, 64, false, true));
        List<Sweep.Trial> a = Sweep.random(base, ranges, 20, 42);
        List<Sweep.Trial> b = Sweep.random(base, ranges, 20, 42);
        assertThat(a).extracting(Sweep.Trial::name).isEqualTo(b.stream().map(Sweep.Trial::name).toList());
        assertThat(a).allSatisfy(t -> {
            assertThat(t.config().training().learningRates().get(0)).isBetween(1e-4, 1e-1);
            assertThat(t.config().training().batchSize()).isBetween(8, 64);
        });
        // Log-uniform: some draws below 1e-3 as well as above 1e-2.
        assertThat(a).anyMatch(t -> t.config().training().learningRates().get(0) < 1e-3)
                .anyMatch(t -> t.config().training().learningRates().get(0) > 1e-2);
    }

    @Test
    void badSweepsAreRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> Sweep.grid(base, List.of(new Sweep.Values("/training/no_such", List.of("1")))))
                .hasMessageContaining("/training/no_such");
        assertThatThrownBy(() -> Sweep.grid(base, List.of(new Sweep.Values("/training/batch_size", List.of("0")))))
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> new Sweep.Range("/training/learning_rates", 0, 1, true, false)).hasMessageContaining("log");
    }
}
