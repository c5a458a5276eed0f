package io.kwsstudio.train;

import java.util.List;

/**
 * Supplies training batches (already featurized and augmented elsewhere) and the fixed
 * validation and test sets. Features are row-major per clip: {@code frames} rows of {@code bins}
 * values, clips one after another. Called only from the training thread.
 */
public interface TrainingData {
    int frames();

    int bins();

    /** Label names; a batch's label {@code i} means {@code labels().get(i)}. */
    List<String> labels();

    /**
     * How many training clips each label has (including silence and unknown items added per
     * epoch). The trainer uses it for balanced class weights and to turn epochs into steps.
     */
    int[] trainingLabelCounts();

    /** A fresh training batch of {@code batchSize} examples (fewer only if the set is smaller). */
    Batch nextTrainingBatch(int batchSize) throws Exception;

    /** The validation set, the same every call; must not be empty. */
    Batch validation();

    /** The test set, the same every call; may be empty (size 0). */
    Batch test();

    /** {@code size} examples: features of {@code size * frames * bins} floats and one label index each. */
    record Batch(float[] features, int[] labels, int size) {
        public Batch {
            if (features == null || labels == null) {
                throw new IllegalArgumentException("a batch needs features and labels");
            }
            if (size < 0 || labels.length < size) {
                throw new IllegalArgumentException("a batch of " + size + " needs as many labels, got " + labels.length);
            }
            if (size > 0 && features.length % size != 0) {
                throw new IllegalArgumentException(features.length + " feature values do not split into " + size + " examples");
            }
        }

        /** An empty batch, for data sets without a test split. */
        public static Batch empty() {
            return new Batch(new float[0], new int[0], 0);
        }
    }
}
