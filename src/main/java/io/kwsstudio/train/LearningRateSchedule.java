package io.kwsstudio.train;

/**
 * The learning rate at each step of one run (steps count from 1). Built from a
 * {@link TrainConfig} and the run's length; pure arithmetic, so the GUI can plot it before training.
 */
public final class LearningRateSchedule {
    private final TrainConfig config;
    private final int totalSteps;
    // Last step (inclusive) of each phase, scaled to totalSteps when training by epochs.
    private final int[] phaseEnds;

    LearningRateSchedule(TrainConfig config, int totalSteps) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("a run needs at least one step");
        }
        this.config = config;
        this.totalSteps = totalSteps;
        int phases = config.trainingSteps().size();
        long configured = config.trainingSteps().stream().mapToLong(Integer::longValue).sum();
        phaseEnds = new int[phases];
        long cumulative = 0;
        for (int i = 0; i < phases; i++) {
            cumulative += config.trainingSteps().get(i);
            phaseEnds[i] = (int) Math.round((double) cumulative * totalSteps / configured);
        }
        phaseEnds[phases - 1] = totalSteps;
    }

    public int totalSteps() {
        return totalSteps;
    }

    /** The rate used for step {@code step} (1-based); steps past the end keep the last rate. */
    public double at(int step) {
        int s = Math.max(1, Math.min(step, totalSteps));
        int phase = 0;
        while (s > phaseEnds[phase]) {
            phase++;
        }
        int start = phase == 0 ? 0 : phaseEnds[phase - 1];
        int length = Math.max(1, phaseEnds[phase] - start);
        int t = s - start - 1;
        double rate = config.learningRates().get(phase);
        return switch (config.decay()) {
            case NONE -> rate;
            case COSINE -> {
                double floor = config.cosineFloor();
                yield rate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t / length)));
            }
            case EXPONENTIAL -> rate * Math.pow(config.decayRate(), (double) t / config.decaySteps());
        };
    }
}
