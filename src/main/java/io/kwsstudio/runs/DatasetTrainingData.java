package io.kwsstudio.runs;

import io.kwsstudio.augment.TrainingBatches;
import io.kwsstudio.augment.TrainingSet;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.train.TrainingData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A dataset's augmented pipeline as the trainer's data: training batches from the background
 * workers, and the validation and test sets featurized once. It also knows which clip each
 * validation and test example is, so a confusion-matrix cell can be traced back to its clips.
 */
public final class DatasetTrainingData implements TrainingData {
    private final TrainingBatches batches;
    private final TrainingSet set;
    private final Batch validation;
    private final Batch test;

    /** Featurizes the validation and test sets now (the slow part of preparing a run). */
    public DatasetTrainingData(TrainingBatches batches, TrainingSet set) throws Exception {
        this.batches = batches;
        this.set = set;
        this.validation = convert(batches.fixedSet(Split.VALIDATION));
        this.test = convert(batches.fixedSet(Split.TESTING));
    }

    @Override
    public int frames() {
        return batches.featureConfig().frames();
    }

    @Override
    public int bins() {
        return batches.featureConfig().bins();
    }

    @Override
    public List<String> labels() {
        return set.classNames();
    }

    @Override
    public int[] trainingLabelCounts() {
        int[] counts = new int[set.classNames().size()];
        for (TrainingSet.Item item : set.items(Split.TRAINING)) {
            counts[item.classIndex()]++;
        }
        return counts;
    }

    @Override
    public Batch nextTrainingBatch(int batchSize) throws Exception {
        TrainingBatches.Batch b = batches.next();
        if (b.size() != batchSize) {
            throw new IllegalStateException("the pipeline makes batches of " + b.size() + ", the trainer asked for " + batchSize);
        }
        return new Batch(b.features(), b.labels(), b.size());
    }

    @Override
    public Batch validation() {
        return validation;
    }

    @Override
    public Batch test() {
        return test;
    }

    /** The clip of each example of a fixed split, in batch order; null for silence examples. */
    public List<Clip> clips(Split split) {
        List<Clip> out = new ArrayList<>();
        for (TrainingSet.Item item : set.items(split)) {
            out.add(item.clip());
        }
        return Collections.unmodifiableList(out);
    }

    public TrainingSet set() {
        return set;
    }

    /** Continue the training batch sequence at batch {@code index} (after a resume). */
    void startAt(long index) {
        batches.startAt(index);
    }

    private static Batch convert(TrainingBatches.Batch b) {
        return new Batch(b.features(), b.labels(), b.size());
    }
}
