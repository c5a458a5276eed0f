package io.kwsstudio.cli;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Dataset;
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
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Benchmarks: figures for the docs, never asserted in tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory.",
        subcommands = {BenchCommand.OpenDataset.class})
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
}
