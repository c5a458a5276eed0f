package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a model is trained; the defaults are the reference trainer's. Immutable; saved with every
 * checkpoint so a resumed run continues with exactly the same schedule.
 *
 * <p>The learning rate is piecewise like the reference's {@code --how_many_training_steps 15000,3000
 * --learning_rate 0.001,0.0001}: phase i lasts {@code training_steps[i]} steps at
 * {@code learning_rates[i]}. An optional decay shapes each phase: cosine falls from the phase's
 * rate to {@code cosine_floor} times it at the phase end; exponential multiplies it by
 * {@code decay_rate} every {@code decay_steps} steps from the phase start. With {@code epochs > 0}
 * the run lasts that many passes over the training set instead, and the phases keep their
 * proportions of it.
 *
 * <p>{@code dropout}, when set, overrides the model's own rate for this run; {@code eval_every}
 * is in steps and {@code early_stopping_patience} counts validation evaluations without
 * improvement (0 = never stop early).
 */
@JsonPropertyOrder({"optimizer", "momentum", "learning_rates", "training_steps", "decay", "decay_rate", "decay_steps",
        "cosine_floor", "batch_size", "epochs", "label_smoothing", "class_weights", "l2", "dropout", "weight_init",
        "init_stddev", "eval_every", "early_stopping_patience", "seed"})
public record TrainConfig(
        @JsonProperty("optimizer") Optimizer optimizer,
        @JsonProperty("momentum") double momentum,
        @JsonProperty("learning_rates") List<Double> learningRates,
        @JsonProperty("training_steps") List<Integer> trainingSteps,
        @JsonProperty("decay") Decay decay,
        @JsonProperty("decay_rate") double decayRate,
        @JsonProperty("decay_steps") int decaySteps,
        @JsonProperty("cosine_floor") double cosineFloor,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("label_smoothing") double labelSmoothing,
        @JsonProperty("class_weights") ClassWeights classWeights,
        @JsonProperty("l2") double l2,
        @JsonProperty("dropout") Double dropout,
        @JsonProperty("weight_init") WeightInit weightInit,
        @JsonProperty("init_stddev") double initStddev,
        @JsonProperty("eval_every") int evalEvery,
        @JsonProperty("early_stopping_patience") int earlyStoppingPatience,
        @JsonProperty("seed") long seed) {

    /** How gradients become parameter updates. */
    public enum Optimizer {
        /** Plain gradient descent, the reference default. */
        SGD,
        /** Gradient descent with classic (heavy-ball) momentum, as TensorFlow's MomentumOptimizer. */
        MOMENTUM,
        /** Adam with beta1 0.9, beta2 0.999, epsilon 1e-8. */
        ADAM;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Optimizer fromJson(String s) {
            return parse(Optimizer.class, s, "sgd, momentum or adam");
        }
    }

    /** Shape of the learning rate within each phase of the schedule. */
    public enum Decay {
        NONE, COSINE, EXPONENTIAL;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Decay fromJson(String s) {
            return parse(Decay.class, s, "none, cosine or exponential");
        }
    }

    /** Whether rare labels count more in the loss. */
    public enum ClassWeights {
        NONE,
        /** Each label weighs n / (labels present * n_label): every label contributes equally overall. */
        BALANCED;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static ClassWeights fromJson(String s) {
            return parse(ClassWeights.class, s, "none or balanced");
        }

        /**
         * Loss weight of each label given its training count. Balanced weights average 1 over the
         * training set, so the loss keeps its scale; a label without examples gets 1 (it never occurs).
         */
        public float[] weights(int[] counts) {
            long total = 0;
            int present = 0;
            for (int c : counts) {
                if (c < 0) {
                    throw new IllegalArgumentException("label counts cannot be negative");
                }
                total += c;
                present += c > 0 ? 1 : 0;
            }
            float[] w = new float[counts.length];
            for (int i = 0; i < counts.length; i++) {
                // As scikit-learn: labels without examples do not count among the labels.
                w[i] = this == BALANCED && counts[i] > 0 ? (float) ((double) total / ((double) present * counts[i])) : 1f;
            }
            return w;
        }
    }

    /** Initial weights; biases always start at zero. */
    public enum WeightInit {
        /** Normal with {@code init_stddev}, redrawn beyond two deviations: the reference's choice. */
        TRUNCATED_NORMAL,
        /** Glorot uniform: U(-a, a) with a = sqrt(6 / (fan in + fan out)). */
        XAVIER,
        /** He: truncated normal with deviation sqrt(2 / fan in), suited to ReLU. */
        HE;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static WeightInit fromJson(String s) {
            return parse(WeightInit.class, s, "truncated_normal, xavier or he");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String s, String choices) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s == null ? "" : s.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown value \"" + s + "\"; use " + choices);
    }

    public TrainConfig {
        if (optimizer == null || decay == null || classWeights == null || weightInit == null) {
            throw new IllegalArgumentException("optimizer, decay, class_weights and weight_init must be set");
        }
        learningRates = List.copyOf(learningRates == null ? List.of() : learningRates);
        trainingSteps = List.copyOf(trainingSteps == null ? List.of() : trainingSteps);
        if (learningRates.isEmpty() || learningRates.size() != trainingSteps.size()) {
            throw new IllegalArgumentException("give one learning rate per training phase (got " + learningRates.size()
                    + " rates for " + trainingSteps.size() + " phases)");
        }
        for (double lr : learningRates) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("learning rates must be positive, got " + lr);
            }
        }
        for (int s : trainingSteps) {
            if (s < 1) {
                throw new IllegalArgumentException("each training phase needs at least one step, got " + s);
            }
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(decayRate > 0 && decayRate <= 1) || decaySteps < 1) {
            throw new IllegalArgumentException("exponential decay needs a rate in (0, 1] and at least 1 decay step");
        }
        if (!(cosineFloor >= 0 && cosineFloor <= 1)) {
            throw new IllegalArgumentException("cosine_floor is a fraction of the phase's rate, in [0, 1]; got " + cosineFloor);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(epochs >= 0) || Double.isInfinite(epochs)) {
            throw new IllegalArgumentException("epochs must be 0 (use training_steps) or positive, got " + epochs);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L2 must be 0 or positive, got " + l2);
        }
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout is the fraction dropped, from 0 up to (not including) 1; got " + dropout);
        }
        if (!(initStddev > 0) || Double.isInfinite(initStddev)) {
            throw new IllegalArgumentException("init_stddev must be positive, got " + initStddev);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("evaluate at least every so many steps (eval_every >= 1), got " + evalEvery);
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("early_stopping_patience must be 0 (off) or positive");
        }
    }

    /** The reference trainer: SGD, 15000 steps at 0.001 then 3000 at 0.0001, batch 100, evaluation every 400 steps. */
    public static TrainConfig defaults() {
        return new TrainConfig(Optimizer.SGD, 0.9, List.of(0.001, 0.0001), List.of(15000, 3000), Decay.NONE, 0.96, 1000,
                0.0, 100, 0, 0, ClassWeights.NONE, 0, null, WeightInit.TRUNCATED_NORMAL, 0.01, 400, 0, 59185);
    }

    /** Steps in the run: the sum of the phases, or {@code epochs} passes over {@code trainingExamples}. */
    public int totalSteps(long trainingExamples) {
        if (epochs == 0) {
            return trainingSteps.stream().mapToInt(Integer::intValue).sum();
        }
        if (trainingExamples < 1) {
            throw new IllegalArgumentException("training by epochs needs a non-empty training set");
        }
        double steps = Math.ceil(epochs * trainingExamples / batchSize);
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many steps: " + steps);
        }
        return (int) Math.max(1, steps);
    }

    /** The learning-rate schedule for a run of {@code totalSteps}. */
    public LearningRateSchedule schedule(int totalSteps) {
        return new LearningRateSchedule(this, totalSteps);
    }

    /** The dropout used for a model: this run's override if set, else the model's own. */
    @JsonIgnore
    public double dropoutFor(ModelSpec spec) {
        return dropout != null ? dropout : spec.dropout();
    }

    /**
     * Sets the schedule from the reference's comma lists, e.g. {@code ("15000,3000", "0.001,0.0001")}.
     * Blanks around numbers are ignored.
     */
    public TrainConfig withSchedule(String steps, String rates) {
        List<Integer> s = new ArrayList<>();
        for (String part : split(steps, "training steps")) {
            try {
                s.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + part + "\" is not a whole number of steps");
            }
        }
        List<Double> r = new ArrayList<>();
        for (String part : split(rates, "learning rates")) {
            try {
                r.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + part + "\" is not a learning rate");
            }
        }
        return withSchedule(s, r);
    }

    private static String[] split(String list, String what) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("give the " + what + " as a comma-separated list");
        }
        String[] parts = list.split(",");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    public TrainConfig withSchedule(List<Integer> steps, List<Double> rates) {
        return new TrainConfig(optimizer, momentum, rates, steps, decay, decayRate, decaySteps, cosineFloor, batchSize, epochs,
                labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withOptimizer(Optimizer v) {
        return new TrainConfig(v, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor, batchSize,
                epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withMomentum(double v) {
        return new TrainConfig(optimizer, v, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor, batchSize,
                epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    /** Exponential decay by {@code rate} every {@code steps}. */
    public TrainConfig withExponentialDecay(double rate, int steps) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, Decay.EXPONENTIAL, rate, steps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery,
                earlyStoppingPatience, seed);
    }

    /** Cosine decay in each phase down to {@code floor} times the phase's rate. */
    public TrainConfig withCosineDecay(double floor) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, Decay.COSINE, decayRate, decaySteps, floor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery,
                earlyStoppingPatience, seed);
    }

    public TrainConfig withoutDecay() {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, Decay.NONE, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery,
                earlyStoppingPatience, seed);
    }

    public TrainConfig withBatchSize(int v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor, v,
                epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withEpochs(double v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, v, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience,
                seed);
    }

    public TrainConfig withLabelSmoothing(double v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, v, classWeights, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withClassWeights(ClassWeights v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, v, l2, dropout, weightInit, initStddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withL2(double v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, v, dropout, weightInit, initStddev, evalEvery,
                earlyStoppingPatience, seed);
    }

    /** Overrides the model's dropout for this run; {@code null} keeps the model's. */
    public TrainConfig withDropout(Double v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, v, weightInit, initStddev, evalEvery, earlyStoppingPatience,
                seed);
    }

    public TrainConfig withWeightInit(WeightInit v, double stddev) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, v, stddev, evalEvery, earlyStoppingPatience, seed);
    }

    public TrainConfig withEvalEvery(int v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, v, earlyStoppingPatience, seed);
    }

    public TrainConfig withEarlyStoppingPatience(int v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery, v, seed);
    }

    public TrainConfig withSeed(long v) {
        return new TrainConfig(optimizer, momentum, learningRates, trainingSteps, decay, decayRate, decaySteps, cosineFloor,
                batchSize, epochs, labelSmoothing, classWeights, l2, dropout, weightInit, initStddev, evalEvery,
                earlyStoppingPatience, v);
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Parses JSON; fields left out take the defaults. Bad JSON or values: IllegalArgumentException. */
    public static TrainConfig fromJson(String json) {
        return Json.merge(defaults(), Json.readObject(json, "training config"), TrainConfig.class, "training config");
    }
}
