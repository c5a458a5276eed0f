package io.kwsstudio.cli;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.features.FeatureBenchmark;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Benchmarks: figures for the docs, never asserted in tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory.",
        subcommands = {BenchCommand.OpenDataset.class, BenchCommand.Features.class, BenchCommand.Pipeline.class, BenchCommand.Align.class,
                BenchCommand.Train.class, BenchCommand.Parity.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "dataset", mixinStandardHelpOptions = true,
            description = "Time opening (indexing) a dataset and the heap it takes. Without --dir, builds a synthetic "
                    + "Speech Commands-sized dataset of hard links to one 1 s clip (little disk space) in a temporary folder.")
    static final class OpenDataset implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--dir", description = "An existing dataset to open instead of a synthetic one.")
        Path dir;
        @Option(names = "--clips", defaultValue = "105000", description = "Clips in the synthetic dataset (default: ${DEFAULT-VALUE}).")
        int clips;
        @Option(names = "--labels", defaultValue = "35", description = "Labels in the synthetic dataset (default: ${DEFAULT-VALUE}).")
        int labels;
        @Option(names = "--make", description = "Build the synthetic dataset in this (new) folder and keep it.")
        Path make;
        @Option(names = "--repeat", defaultValue = "3", description = "Timed openings (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path root = dir;
            Path made = null;
            if (root == null) {
                if (make != null) {
                    root = Files.createDirectories(make);
                } else {
                    made = Files.createTempDirectory("kws-bench-dataset");
                    root = made;
                }
                long t0 = System.nanoTime();
                makeSynthetic(root, clips, labels);
                out.printf(Locale.ROOT, "built synthetic dataset: %d clips in %d labels at %s (%.1f s)%n", clips, labels, root,
                        (System.nanoTime() - t0) / 1e9);
            }
            try {
                MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
                for (int i = 0; i < repeat; i++) {
                    System.gc();
                    long before = mem.getHeapMemoryUsage().getUsed();
                    long t0 = System.nanoTime();
                    Dataset ds = Dataset.open(root, ProgressListener.NONE, CancellationToken.NONE);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.gc();
                    long retained = mem.getHeapMemoryUsage().getUsed() - before;
                    out.printf(Locale.ROOT, "open #%d: %d clips, %d labels in %.3f s; index retains %.1f MB of heap (max heap %d MB)%n",
                            i + 1, ds.clipCount(), ds.labels().size(), secs, retained / 1e6,
                            Runtime.getRuntime().maxMemory() / (1 << 20));
                    out.flush();
                }
            } finally {
                if (made != null) {
                    deleteTree(made);
                }
            }
            return 0;
        }

        /** Speech Commands-like names: speaker hash + _nohash_ + n, spread over the labels. */
        static void makeSynthetic(Path root, int clips, int labels) throws IOException {
            // One prototype file per label: file systems cap hard links per file (ext4: 65,000).
            Path protos = Files.createDirectories(root.resolve(".prototypes"));
            Random rnd = new Random(42);
            for (int i = 0; i < clips; i++) {
                String label = String.format(Locale.ROOT, "word%02d", i % labels);
                Path proto = protos.resolve(label + ".wav");
                if (i < labels) {
                    Files.createDirectories(root.resolve(label));
                    WavWriter.writePcm16(proto, new AudioClip(new float[16000], 16000));
                }
                String name = String.format(Locale.ROOT, "%08x_nohash_%d.wav", rnd.nextInt(), i % 5);
                Path target = root.resolve(label).resolve(name);
                if (!Files.exists(target)) {
                    Files.createLink(target, proto);
                }
            }
        }

        private static void deleteTree(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Feature extraction speed (1 s clips, default MFCC): one thread and all threads, alternating with the "
                    + "NumPy reference (bench/numpy_features.py) when python3 and numpy are available, plus a parity check.")
    static final class Features implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--clips", defaultValue = "5000", description = "Clips per measurement (default: ${DEFAULT-VALUE}).")
        int clips;
        @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--numpy", defaultValue = "bench/numpy_features.py", description = "NumPy reference script; 'none' to skip.")
        String numpy;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            FeatureConfig cfg = FeatureConfig.defaults();
            int threads = Runtime.getRuntime().availableProcessors();
            boolean withNumpy = !"none".equals(numpy) && Files.isRegularFile(Path.of(numpy));
            if (withNumpy) {
                out.println(parity(cfg));
            }
            for (int r = 1; r <= rounds; r++) {
                double one = FeatureBenchmark.run(cfg, clips, 1).clipsPerSecond();
                double all = FeatureBenchmark.run(cfg, clips, threads).clipsPerSecond();
                String line = String.format(Locale.ROOT, "round %d: java 1 thread %.0f clips/s, java %d threads %.0f clips/s", r, one, threads, all);
                if (withNumpy) {
                    double np = numpyClipsPerSecond(Math.max(500, clips / 3));
                    line += String.format(Locale.ROOT, ", numpy 1 thread %.0f clips/s, ratio java/numpy (1 thread) %.2fx", np, one / np);
                }
                out.println(line);
                out.flush();
            }
            return 0;
        }

        private double numpyClipsPerSecond(int n) throws IOException, InterruptedException {
            String output = runPython(numpy, String.valueOf(n));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+) clips/s").matcher(output);
            if (!m.find()) {
                throw new IOException("unexpected output from " + numpy + ": " + output);
            }
            return Double.parseDouble(m.group(1));
        }

        /** Same random clip through Java and NumPy; reports the largest difference of the MFCCs. */
        private String parity(FeatureConfig cfg) throws IOException, InterruptedException {
            Random rnd = new Random(7);
            float[] audio = new float[cfg.clipSamples()];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (float) (rnd.nextGaussian() * 0.1);
            }
            Path in = Files.createTempFile("kws-parity", ".f32");
            Path res = Files.createTempFile("kws-parity", ".out.f32");
            try {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(audio.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(audio);
                Files.write(in, b.array());
                runPython(numpy, "--mfcc", in.toString(), res.toString());
                java.nio.FloatBuffer theirs = java.nio.ByteBuffer.wrap(Files.readAllBytes(res)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] ours = new FeatureExtractor(cfg).extract(audio);
                double max = 0;
                for (int i = 0; i < ours.length; i++) {
                    max = Math.max(max, Math.abs(ours[i] - theirs.get(i)));
                }
                return String.format(Locale.ROOT, "parity: MFCC of one clip, %d values, max |java - numpy| = %.2g", ours.length, max);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(res);
            }
        }

        private static String runPython(String... args) throws IOException, InterruptedException {
            List<String> cmd = new java.util.ArrayList<>();
            cmd.add("python3");
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("python3 " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        }
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Training data pipeline speed: batches of 100 clips with every augmentation on (noise, shift, "
                    + "stretch, pitch, gain), features included, one thread and all threads.")
    static final class Pipeline implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Parameters(paramLabel = "DATASET", defaultValue = "sample-data", description = "Dataset folder (default: ${DEFAULT-VALUE}).")
        Path dataset;
        @Option(names = "--batches", defaultValue = "30", description = "Timed batches per measurement (default: ${DEFAULT-VALUE}).")
        int batches;
        @Option(names = "--batch", defaultValue = "100", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batchSize;
        @Option(names = "--words", split = ",", description = "Wanted words (default: the reference's ten).")
        List<String> words;
        @Option(names = "--cache-mb", defaultValue = "256", description = "Decoded-audio cache (default: ${DEFAULT-VALUE} MB).")
        int cacheMb;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Dataset ds = Dataset.open(dataset);
            io.kwsstudio.augment.AugmentConfig cfg = io.kwsstudio.augment.AugmentConfig.defaults()
                    .withTimeStretch(true).withPitchShift(true).withGain(true);
            if (words != null) {
                cfg = cfg.withWantedWords(words);
            }
            io.kwsstudio.augment.NoiseBank noise = io.kwsstudio.augment.NoiseBank.load(ds.noiseFiles(), ds.sampleRate());
            io.kwsstudio.augment.TrainingSet set = io.kwsstudio.augment.TrainingSet.build(ds, cfg);
            out.printf(Locale.ROOT, "dataset %s: %d training items; all augmentations on (stretch/pitch/gain probability %.1f)%n",
                    ds.root(), set.items(io.kwsstudio.dataset.Split.TRAINING).size(), cfg.stretchProbability());
            int threads = Runtime.getRuntime().availableProcessors();
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            for (int t : new int[] {1, threads}) {
                try (io.kwsstudio.augment.TrainingBatches p = new io.kwsstudio.augment.TrainingBatches(ds, set,
                        FeatureConfig.defaults(), cfg, noise, batchSize, t, (long) cacheMb << 20)) {
                    for (int i = 0; i < 5; i++) {
                        p.next(); // warm-up, fills the audio cache
                    }
                    long t0 = System.nanoTime();
                    for (int i = 0; i < batches; i++) {
                        p.next();
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "%d thread(s): %.2f batches/s = %.0f examples/s%n", t, batches / secs, batches * batchSize / secs);
                    if (t == threads) {
                        // Memory with everything the pipeline keeps: audio cache, validation and test features.
                        long t1 = System.nanoTime();
                        int v = p.fixedSet(io.kwsstudio.dataset.Split.VALIDATION).size();
                        int te = p.fixedSet(io.kwsstudio.dataset.Split.TESTING).size();
                        double fixedSecs = (System.nanoTime() - t1) / 1e9;
                        System.gc();
                        out.printf(Locale.ROOT, "validation %d + testing %d examples featurized once in %.1f s; heap in use %.0f MB (max %d MB)%n",
                                v, te, fixedSecs, mem.getHeapMemoryUsage().getUsed() / 1e6, Runtime.getRuntime().maxMemory() >> 20);
                    }
                    out.flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Training speed of a zoo model: examples per second of full training steps (forward, backward, "
                    + "update) on the reference input (98x40 MFCC, 12 labels) after warm-up, the process's peak resident "
                    + "memory, and the latency of one 1 s clip (features + forward pass).",
                    "Compare with PyTorch on the same machine: bench/compare-train.sh."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", defaultValue = "conv", description = "Zoo model (default: ${DEFAULT-VALUE}).")
        String model;
        @Option(names = "--batch", defaultValue = "100", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "30", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
        String optimizer;
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (batch < 1 || steps < 1 || warmup < 1) {
                throw new IllegalArgumentException("batch, steps and warmup must be at least 1");
            }
            io.kwsstudio.train.TrainBenchmark.Result r = io.kwsstudio.train.TrainBenchmark.run(
                    io.kwsstudio.train.ModelKind.fromJson(model), batch, steps, warmup, 12,
                    io.kwsstudio.train.TrainConfig.Optimizer.fromJson(optimizer));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.printf(Locale.ROOT, "{\"model\": \"%s\", \"batch\": %d, \"steps\": %d, \"examples_per_second\": %.2f, "
                                + "\"seconds_per_step\": %.4f, \"peak_rss_mb\": %.0f, \"inference_ms\": %.3f}%n", r.model(), r.batch(),
                        r.steps(), r.examplesPerSecond(), r.secondsPerStep(), r.peakRssMb(), r.inferenceMillis());
            } else {
                out.printf(Locale.ROOT, "%s, batch %d, %s: %.1f examples/s (%.3f s per step over %d steps after %d warm-up); "
                                + "peak resident memory %.0f MB; one clip (features + forward) %.2f ms%n", r.model(), r.batch(), optimizer,
                        r.examplesPerSecond(), r.secondsPerStep(), r.steps(), warmup, r.peakRssMb(), r.inferenceMillis());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "parity", mixinStandardHelpOptions = true,
            description = "Export a model's initial weights, a fixed batch and the losses of plain-SGD steps without dropout "
                    + "for bench/parity_check.py, which repeats them in PyTorch and compares the losses.")
    static final class Parity implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--model", defaultValue = "conv", description = "Zoo model (default: ${DEFAULT-VALUE}).")
        String model;
        @Option(names = "--out", defaultValue = "bench/out/parity", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--steps", defaultValue = "5", description = "SGD steps (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Override
        public Integer call() throws Exception {
            Path dir = out.resolve(model);
            List<Double> losses = io.kwsstudio.train.ParityExport.run(io.kwsstudio.train.ModelKind.fromJson(model), batch, steps, lr, dir);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: losses %s; exported to %s%n", model, losses, dir);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "align", mixinStandardHelpOptions = true,
            description = "Alignment quality: espeak-ng words placed at known offsets in noise at 20, 10 and 5 dB SNR; median and "
                    + "95th-percentile onset error and words cut, for onset alignment and the reference's loudest window. Needs espeak-ng.")
    static final class Align implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--clips", defaultValue = "300", description = "Clips per SNR (default: ${DEFAULT-VALUE}).")
        int clips;
        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--work", defaultValue = "bench/out/align", description = "Folder for the generated speech (default: ${DEFAULT-VALUE}).")
        Path work;
        @Option(names = "--noise", description = "Folder of noise recordings (default: generated white and pink noise).")
        Path noise;

        @Override
        public Integer call() throws Exception {
            ConsoleProgress progress = new ConsoleProgress(System.err);
            io.kwsstudio.align.AlignBenchmark.Report r = io.kwsstudio.align.AlignBenchmark.run(work, clips, seed, noise, progress);
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            out.print(r.table());
            out.flush();
            return r.meetsTarget() ? 0 : 1;
        }
    }
}
