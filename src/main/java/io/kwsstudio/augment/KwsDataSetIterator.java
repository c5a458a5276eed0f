package io.kwsstudio.augment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * {@link TrainingBatches} as a Deeplearning4j iterator: features as [batch, 1, frames, bins] (NCHW,
 * one channel) and labels one-hot [batch, classes]. An epoch is as many batches as it takes to draw
 * the training split's size; batches keep coming from the background pipeline.
 */
public final class KwsDataSetIterator implements DataSetIterator {
    private final TrainingBatches batches;
    private final int batchesPerEpoch;
    private final int batchSize;
    private int served;
    private DataSetPreProcessor preProcessor;

    public KwsDataSetIterator(TrainingBatches batches, int trainingItems, int batchSize) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.batchesPerEpoch = Math.max(1, (trainingItems + batchSize - 1) / batchSize);
    }

    /** Converts a batch to a DataSet with one-hot labels. */
    public static DataSet toDataSet(TrainingBatches.Batch b, int frames, int bins, int classes) {
        INDArray f = Nd4j.create(b.features(), new long[] {b.size(), 1, frames, bins}, 'c');
        float[] oneHot = new float[b.size() * classes];
        for (int i = 0; i < b.size(); i++) {
            oneHot[i * classes + b.labels()[i]] = 1f;
        }
        INDArray l = Nd4j.create(oneHot, new long[] {b.size(), classes}, 'c');
        return new DataSet(f, l);
    }

    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("epoch finished; call reset()");
        }
        try {
            TrainingBatches.Batch b = batches.next();
            served++;
            DataSet ds = toDataSet(b, batches.featureConfig().frames(), batches.featureConfig().bins(), totalOutcomes());
            if (preProcessor != null) {
                preProcessor.preProcess(ds);
            }
            return ds;
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare a training batch: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        return served < batchesPerEpoch;
    }

    @Override
    public int inputColumns() {
        return batches.featureConfig().valuesPerClip();
    }

    @Override
    public int totalOutcomes() {
        return batches.classNames().size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false; // already prefetched by TrainingBatches' own threads
    }

    @Override
    public void reset() {
        served = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return batches.classNames();
    }
}
