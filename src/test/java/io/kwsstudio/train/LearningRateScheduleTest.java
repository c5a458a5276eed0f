package io.kwsstudio.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

    @Test
    void piecewiseLikeTheReference() {
        TrainConfig cfg = TrainConfig.defaults();
        LearningRateSchedule s = cfg.schedule(cfg.totalSteps(1000));
        assertThat(s.totalSteps()).isEqualTo(18000);
        assertThat(s.at(1)).isEqualTo(0.001);
        assertThat(s.at(15000)).isEqualTo(0.001);
        assertThat(s.at(15001)).isEqualTo(0.0001);
        assertThat(s.at(18000)).isEqualTo(0.0001);
        assertThat(s.at(99999)).isEqualTo(0.0001);
    }

    @Test
    void cosineFallsToTheFloorWithinEachPhase() {
        TrainConfig cfg = TrainConfig.defaults().withSchedule("100,100", "0.1,0.01").withCosineDecay(0.1);
        LearningRateSchedule s = cfg.schedule(200);
        assertThat(s.at(1)).isCloseTo(0.1, within(1e-12));
        // halfway through phase 1: floor + (1 - floor) / 2 of the rate
        assertThat(s.at(51)).isCloseTo(0.1 * (0.1 + 0.9 * 0.5), within(1e-12));
        assertThat(s.at(100)).isCloseTo(0.1 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 99 / 100))), within(1e-12));
        assertThat(s.at(101)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void exponentialDecayMultipliesEveryDecaySteps() {
        TrainConfig cfg = TrainConfig.defaults().withSchedule("100", "0.1").withExponentialDecay(0.5, 10);
        LearningRateSchedule s = cfg.schedule(100);
        assertThat(s.at(1)).isCloseTo(0.1, within(1e-12));
        assertThat(s.at(11)).isCloseTo(0.05, within(1e-12));
        assertThat(s.at(21)).isCloseTo(0.025, within(1e-12));
        assertThat(s.at(6)).isCloseTo(0.1 * Math.pow(0.5, 0.5), within(1e-12));
    }

    @Test
    void epochsSetTheLengthAndPhasesKeepTheirProportions() {
        TrainConfig cfg = TrainConfig.defaults().withSchedule("300,100", "0.1,0.01").withEpochs(2).withBatchSize(10);
        // 2 epochs over 205 examples at batch 10: ceil(41) = 41 steps; phase 1 is 3/4 of them (31 after rounding).
        int total = cfg.totalSteps(205);
        assertThat(total).isEqualTo(41);
        LearningRateSchedule s = cfg.schedule(total);
        assertThat(s.at(31)).isEqualTo(0.1);
        assertThat(s.at(32)).isEqualTo(0.01);
        assertThat(s.at(41)).isEqualTo(0.01);
    }
}
