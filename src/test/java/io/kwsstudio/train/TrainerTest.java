package io.kwsstudio.train;

import io.kwsstudio.tasks.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {

    private static TrainConfig quick(String steps, double lr) {
        return TrainConfig.defaults().withOptimizer(TrainConfig.Optimizer.ADAM).withSchedule(steps, String.valueOf(lr))
                .withBatchSize(32).withSeed(11);
    }

    /** A DS-CNN of 8 channels throughout (the first convolution's too), which the hand-written step trains. */
    private static ModelSpec smallDsCnn() {
        return ModelSpec.defaults(ModelKind.DS_CNN_S).withDsCnn(8, 2, 1)
                .withConv(List.of(new ConvSpec(8, 10, 4, 2, 2, Padding.SAME)));
    }

    private static float[][] validationPredictions(Trainer t, TrainingData data) {
        return t.predict(data.validation().features(), data.validation().size());
    }

    @Test
    void learnsSeparableDataKeepsTheBestAndReportsEveryStep(@TempDir Path dir) throws Exception {
        SyntheticData data = new SyntheticData(1);
        Trainer trainer = new Trainer(ModelSpec.defaults(ModelKind.TINY_CONV), quick("80", 0.005).withEvalEvery(40), data, dir)
                .eventInterval(Duration.ZERO);
        SyntheticData.Recorder events = new SyntheticData.Recorder();

        TrainResult result = trainer.train(events, CancellationToken.NONE);

        assertThat(result.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(result.steps()).isEqualTo(80);
        assertThat(result.bestValidation().accuracy()).isGreaterThan(0.9);
        assertThat(result.test().accuracy()).isGreaterThan(0.9);
        assertThat(events.steps).hasSize(80);
        assertThat(events.steps.get(0).step()).isEqualTo(1);
        assertThat(events.steps.get(79).eta()).isEqualTo(Duration.ZERO);
        assertThat(events.steps.get(79).learningRate()).isEqualTo(0.005);
        assertThat(events.steps.get(79).examplesPerSecond()).isPositive();
        // The loss falls from about ln 3 as the model learns.
        assertThat(events.steps.get(0).loss()).isCloseTo(Math.log(3), within(0.1));
        assertThat(events.steps.get(79).loss()).isLessThan(0.5);
        assertThat(events.evaluations).extracting(EvalEvent::step).containsExactly(40, 80);
        assertThat(events.evaluations.get(0).best()).isTrue();
        assertThat(events.results).containsExactly(result);
        assertThat(dir.resolve("best.sd")).isRegularFile();
        assertThat(dir.resolve("last.sd")).isRegularFile();
        assertThat(dir.resolve("last.updater")).isRegularFile();
        CheckpointInfo info = CheckpointInfo.read(dir);
        assertThat(info.step()).isEqualTo(80);
        assertThat(info.bestStep()).isEqualTo(result.bestStep());
        assertThat(info.bestAccuracy()).isEqualTo(result.bestValidation().accuracy());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        // The saved best model predicts exactly as the trainer does after restoring it.
        TrainedModel loaded = TrainedModel.load(dir);
        assertThat(loaded.labels()).isEqualTo(data.labels());
        assertThat(loaded.predict(data.test().features(), data.test().size()))
                .isDeepEqualTo(trainer.predict(data.test().features(), data.test().size()));
        assertThat(loaded.evaluate(data.test()).accuracy()).isEqualTo(result.test().accuracy());
        // Inference has no dropout: the same input gives the same answer.
        assertThat(validationPredictions(trainer, data)).isDeepEqualTo(validationPredictions(trainer, data));
    }

    @Test
    void aHugeLearningRateStopsWithTheStepAndRate(@TempDir Path dir) {
        ModelSpec spec = ModelSpec.defaults(ModelKind.LOW_LATENCY_SVDF).withSvdf(1, 16).withHidden(List.of(16, 16));
        TrainConfig cfg = TrainConfig.defaults().withSchedule("200", "1e6").withBatchSize(16).withEvalEvery(100);
        Trainer trainer = new Trainer(spec, cfg, new SyntheticData(2), dir);

        TrainingException e = catchThrowableOfType(TrainingException.class,
                () -> trainer.train(TrainingListener.NONE, CancellationToken.NONE));

        assertThat(e).isNotNull();
        assertThat(e.step()).isBetween(1, 100);
        assertThat(e.learningRate()).isEqualTo(1e6);
        assertThat(e.getMessage()).contains("step " + e.step(), "learning rate 1000000.0", "diverged");
        assertThat(trainer.step()).isEqualTo(e.step() - 1);
    }

    @Test
    void aPoisonedBatchStopsAtItsStepBeforeTouchingTheWeights(@TempDir Path dir) throws Exception {
        TrainingData data = SyntheticData.poisonedAt(3, 4);
        Trainer trainer = new Trainer(ModelSpec.defaults(ModelKind.TINY_CONV), quick("20", 0.005), data, dir);
        float[][] before = new float[1][];
        TrainingListener atStep2 = new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                if (e.step() == 2) {
                    before[0] = trainer.predict(data.validation().features(), 1)[0];
                }
            }
        };
        trainer.eventInterval(Duration.ZERO);

        assertThatThrownBy(() -> trainer.train(atStep2, CancellationToken.NONE))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("at step 3")
                .hasMessageContaining("learning rate 0.005")
                .hasMessageContaining("NaN");
        assertThat(trainer.predict(data.validation().features(), 1)[0]).containsExactly(before[0]);
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"CONV", "DS_CNN_S"})
    void reusingTheLastStepsArraysChangesNoResult(ModelKind kind, @TempDir Path dir) throws Exception {
        // Dropout on for CONV: the masks come from the seeded generator, the same in both runs.
        TrainConfig cfg = quick("8", 0.005).withEvalEvery(8).withBatchSize(8);
        ModelSpec spec = kind == ModelKind.CONV
                ? ModelSpec.defaults(kind).withConv(List.of(new ConvSpec(6, 5, 4, 1, 1, Padding.SAME), new ConvSpec(5, 3, 2, 1, 1, Padding.SAME)))
                : ModelSpec.defaults(kind).withDsCnn(8, 2, 1);
        // Array reuse is about SameDiff's graph, which DS-CNN only trains through when its hand-written step is off.
        SyntheticData reusedData = new SyntheticData(3);
        Trainer reused = new Trainer(spec, cfg, reusedData, dir.resolve("reused")).reuseArrays(true).lowMemory(false)
                .handWrittenDsCnn(false).eventInterval(Duration.ZERO);
        SyntheticData.Recorder reusedEvents = new SyntheticData.Recorder();
        reused.train(reusedEvents, CancellationToken.NONE);
        // Low-memory mode also hands arrays back within a step, right after their last use.
        SyntheticData lowData = new SyntheticData(3);
        Trainer low = new Trainer(spec, cfg, lowData, dir.resolve("low")).reuseArrays(true).lowMemory(true)
                .handWrittenDsCnn(false).eventInterval(Duration.ZERO);
        SyntheticData.Recorder lowEvents = new SyntheticData.Recorder();
        low.train(lowEvents, CancellationToken.NONE);
        SyntheticData freshData = new SyntheticData(3);
        Trainer fresh = new Trainer(spec, cfg, freshData, dir.resolve("fresh")).reuseArrays(false).handWrittenDsCnn(false)
                .eventInterval(Duration.ZERO);
        SyntheticData.Recorder freshEvents = new SyntheticData.Recorder();
        fresh.train(freshEvents, CancellationToken.NONE);

        assertThat(reusedEvents.steps).hasSize(8);
        assertThat(reusedEvents.steps).extracting(StepEvent::loss)
                .containsExactlyElementsOf(freshEvents.steps.stream().map(StepEvent::loss).toList());
        assertThat(validationPredictions(reused, reusedData)).isDeepEqualTo(validationPredictions(fresh, freshData));
        assertThat(low.arraysGivenBackEarly()).isGreaterThan(8L * 10);
        assertThat(low.isLowMemory()).isTrue();
        assertThat(reused.arraysGivenBackEarly()).isZero();
        assertThat(lowEvents.steps).extracting(StepEvent::loss)
                .containsExactlyElementsOf(freshEvents.steps.stream().map(StepEvent::loss).toList());
        assertThat(validationPredictions(low, lowData)).isDeepEqualTo(validationPredictions(fresh, freshData));
    }

    @Test
    void aShortDsCnnRunValidatesAsWellAsItTrains(@TempDir Path dir) throws Exception {
        // Validation runs the inference branch, which normalises with the moving statistics: they must have
        // caught up with the batch statistics after a short run, or validation stays at chance.
        SyntheticData data = new SyntheticData(1);
        // (A 64-filter first convolution before 8-channel blocks, which trains through the graph; the moving
        // statistics are the Trainer's either way.)
        Trainer trainer = new Trainer(ModelSpec.defaults(ModelKind.DS_CNN_S).withDsCnn(8, 2, 1),
                quick("60", 0.01).withEvalEvery(60), data, dir);
        SyntheticData.Recorder events = new SyntheticData.Recorder();
        TrainResult result = trainer.train(events, CancellationToken.NONE);
        assertThat(events.steps.get(events.steps.size() - 1).accuracy()).isGreaterThan(0.9);
        assertThat(result.bestValidation().accuracy()).isGreaterThan(0.9);
    }

    @Test
    void movingStatisticsAverageFastEarlyAndAtTheReferenceMomentumLater() {
        assertThat(Trainer.normMomentum(1)).isCloseTo(2.0 / 11, within(1e-12));
        assertThat(Trainer.normMomentum(50)).isCloseTo(51.0 / 60, within(1e-12));
        assertThat(Trainer.normMomentum(891)).isEqualTo(0.99);
        assertThat(Trainer.normMomentum(20_000)).isEqualTo(0.99);
    }

    @Test
    void dsCnnTrainsThroughItsHandWrittenStepLikeThroughTheGraph(@TempDir Path dir) throws Exception {
        TrainConfig cfg = quick("12", 0.005).withEvalEvery(6).withBatchSize(8);
        ModelSpec spec = smallDsCnn();
        SyntheticData graphData = new SyntheticData(4);
        Trainer graph = new Trainer(spec, cfg, graphData, dir.resolve("graph")).handWrittenDsCnn(false)
                .eventInterval(Duration.ZERO);
        SyntheticData.Recorder graphEvents = new SyntheticData.Recorder();
        graph.train(graphEvents, CancellationToken.NONE);
        SyntheticData handData = new SyntheticData(4);
        Trainer hand = new Trainer(spec, cfg, handData, dir.resolve("hand")).eventInterval(Duration.ZERO).lowMemory(true);
        // Low-memory mode is about SameDiff's arrays; the hand-written step does not use it, and says so.
        assertThat(hand.isLowMemory()).isFalse();
        SyntheticData.Recorder handEvents = new SyntheticData.Recorder();
        hand.train(handEvents, CancellationToken.NONE);

        // The same batches, dropout masks and maths, in float in another order: the losses of 12 Adam steps
        // and the moving statistics the evaluation uses agree closely, and the predictions of the best weights too.
        assertThat(handEvents.steps).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(handEvents.steps.get(i).loss()).as("loss at step " + (i + 1))
                    .isCloseTo(graphEvents.steps.get(i).loss(), within(1e-4));
        }
        float[][] expected = validationPredictions(graph, graphData);
        float[][] actual = validationPredictions(hand, handData);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).isCloseTo(expected[i][j], within(1e-3f));
            }
        }
    }

    @Test
    void cancelSavesTheStepAndResumeFinishesExactlyLikeAnUninterruptedRun(@TempDir Path dir) throws Exception {
        // No dropout, so the only randomness is the data, which each run replays from the same seed.
        TrainConfig cfg = quick("30", 0.005).withEvalEvery(10).withDropout(0.0);
        ModelSpec spec = ModelSpec.defaults(ModelKind.TINY_CONV);

        Path straightDir = dir.resolve("straight");
        SyntheticData straightData = new SyntheticData(5);
        Trainer straight = new Trainer(spec, cfg, straightData, straightDir);
        straight.train(TrainingListener.NONE, CancellationToken.NONE);
        // Compare last weights, not the restored best ones.
        Trainer straightLast = Trainer.resume(straightDir, new SyntheticData(5));

        Path runDir = dir.resolve("run");
        SyntheticData first = new SyntheticData(5);
        CancellationToken cancel = new CancellationToken();
        Trainer interrupted = new Trainer(spec, cfg, first, runDir).eventInterval(Duration.ZERO);
        TrainResult cancelled = interrupted.train(new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                if (e.step() == 15) {
                    cancel.cancel();
                }
            }
        }, cancel);

        assertThat(cancelled.status()).isEqualTo(TrainResult.Status.CANCELLED);
        assertThat(cancelled.steps()).isEqualTo(15);
        assertThat(cancelled.test()).isNull();
        assertThat(CheckpointInfo.read(runDir).step()).isEqualTo(15);
        float[][] atCancel = validationPredictions(interrupted, first);

        SyntheticData second = new SyntheticData(5);
        for (int i = 0; i < 15; i++) {
            second.nextTrainingBatch(32); // the batches the first session already used
        }
        Trainer resumed = Trainer.resume(runDir, second).eventInterval(Duration.ZERO);
        assertThat(resumed.step()).isEqualTo(15);
        assertThat(validationPredictions(resumed, second)).isDeepEqualTo(atCancel);
        SyntheticData.Recorder events = new SyntheticData.Recorder();
        TrainResult done = resumed.train(events, CancellationToken.NONE);

        assertThat(done.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(done.steps()).isEqualTo(30);
        assertThat(events.steps.get(0).step()).isEqualTo(16);
        assertThat(events.steps).hasSize(15);
        assertThat(events.evaluations).extracting(EvalEvent::step).containsExactly(20, 30);
        Trainer resumedLast = Trainer.resume(runDir, new SyntheticData(5));
        float[][] expected = validationPredictions(straightLast, straightData);
        float[][] actual = validationPredictions(resumedLast, second);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], within(1e-5f));
        }
    }

    @Test
    void stopsEarlyWhenValidationStopsImprovingAndThrottlesEvents(@TempDir Path dir) throws Exception {
        // Validation labels are shifted, so learning the training labels makes validation worse.
        SyntheticData data = new SyntheticData(6, true);
        TrainConfig cfg = quick("200", 0.01).withEvalEvery(10).withEarlyStoppingPatience(2);
        Trainer trainer = new Trainer(ModelSpec.defaults(ModelKind.TINY_CONV), cfg, data, dir)
                .eventInterval(Duration.ofHours(1));
        SyntheticData.Recorder events = new SyntheticData.Recorder();

        TrainResult result = trainer.train(events, CancellationToken.NONE);

        assertThat(result.status()).isEqualTo(TrainResult.Status.EARLY_STOPPED);
        assertThat(result.steps()).isEqualTo(result.bestStep() + 20).isLessThan(200);
        assertThat(CheckpointInfo.read(dir).evaluationsSinceBest()).isEqualTo(2);
        // With a long interval, step events come only with evaluations, averaging the steps between.
        assertThat(events.steps).extracting(StepEvent::step).allMatch(s -> s % 10 == 0);
        assertThat(events.steps).hasSameSizeAs(events.evaluations);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void everyModelKindTrains(ModelKind kind, @TempDir Path dir) throws Exception {
        TrainConfig cfg = TrainConfig.defaults().withSchedule("3", "0.01").withBatchSize(8).withEvalEvery(3)
                .withOptimizer(TrainConfig.Optimizer.MOMENTUM).withL2(1e-3).withLabelSmoothing(0.1)
                .withClassWeights(TrainConfig.ClassWeights.BALANCED);
        Trainer trainer = new Trainer(ModelSpec.defaults(kind), cfg, new SyntheticData(7), dir);

        TrainResult result = trainer.train(TrainingListener.NONE, CancellationToken.NONE);

        assertThat(result.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(result.bestValidation().loss()).isFinite();
        for (ModelGraph.NormStats norm : trainer.model().graph().norms()) {
            INDArray moving = trainer.model().sameDiff().getArrForVarName(norm.movingMean());
            assertThat(moving.amaxNumber().doubleValue()).as("moving mean of " + norm.movingMean()).isPositive();
        }
        assertThat(kind.isDsCnn()).isEqualTo(!trainer.model().graph().norms().isEmpty());
    }

    @Test
    void resumeRefusesDataThatDoesNotMatch(@TempDir Path dir) throws Exception {
        Trainer trainer = new Trainer(ModelSpec.defaults(ModelKind.SINGLE_FC), quick("2", 0.01).withEvalEvery(1),
                new SyntheticData(8), dir);
        trainer.train(TrainingListener.NONE, CancellationToken.NONE);
        TrainingData otherLabels = new SyntheticData(8) {
            @Override
            public List<String> labels() {
                return List.of("yes", "no", "up");
            }
        };
        assertThatThrownBy(() -> Trainer.resume(dir, otherLabels)).isInstanceOf(TrainingException.class)
                .hasMessageContaining("[low, high, burst]").hasMessageContaining("[yes, no, up]");
        assertThatThrownBy(() -> Trainer.resume(dir.resolve("nothing"), new SyntheticData(8)))
                .isInstanceOf(TrainingException.class).hasMessageContaining("no checkpoint");
        // Resuming a finished run trains nothing more and reports the best model again.
        TrainResult again = Trainer.resume(dir, new SyntheticData(8)).train(TrainingListener.NONE, CancellationToken.NONE);
        assertThat(again.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(again.steps()).isEqualTo(2);
        assertThat(again.bestValidation()).isNotNull();
    }
}
