package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.ClipDetailsStore;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.DatasetStats;
import io.kwsstudio.dataset.ImportResult;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.tasks.CancellationToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dataset stats | check | import}: the dataset library from the command line. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Inspect, check and import into a dataset folder.",
        subcommands = {DatasetCommand.Stats.class, DatasetCommand.Check.class, DatasetCommand.Import.class})
final class DatasetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Dataset open(Path dir, CommandLine.Model.CommandSpec spec) throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        try {
            Dataset ds = Dataset.open(dir, progress, CancellationToken.NONE);
            for (String problem : ds.scanProblems()) {
                spec.commandLine().getErr().println("warning: " + problem);
            }
            return ds;
        } finally {
            progress.finish();
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Clips and duration per label and split, class balance, unreadable clips and clips of the wrong length.")
    static final class Stats implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "Dataset folder.")
        Path dir;
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Dataset ds = open(dir, spec);
            ClipDetailsStore store = new ClipDetailsStore(ds).load();
            ConsoleProgress progress = new ConsoleProgress(System.err);
            store.fill(ds.clips(), false, progress, CancellationToken.NONE);
            progress.finish();
            DatasetStats stats = DatasetStats.compute(ds, store);
            store.save();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(ds, stats));
            } else {
                printTable(out, ds, stats);
            }
            out.flush();
            return 0;
        }

        static String toJson(Dataset ds, DatasetStats stats) throws Exception {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("dataset", ds.root().toString());
            root.put("clips", stats.totalClips());
            root.put("seconds", round(stats.totalSeconds()));
            root.put("split_source", ds.hasListFiles() ? "list files" : "hash");
            ObjectNode splits = root.putObject("splits");
            stats.clipsPerSplit().forEach((s, n) -> splits.put(s.displayName(), n));
            ArrayNode labels = root.putArray("labels");
            for (DatasetStats.LabelStats l : stats.labels().values()) {
                ObjectNode n = labels.addObject();
                n.put("label", l.label());
                n.put("clips", l.clips());
                n.put("seconds", round(l.seconds()));
                n.put("share", round(l.share()));
                ObjectNode ps = n.putObject("splits");
                l.perSplit().forEach((s, c) -> ps.put(s.displayName(), c));
            }
            ObjectNode noise = root.putObject("background_noise");
            noise.put("files", stats.noiseFiles());
            noise.put("seconds", round(stats.noiseSeconds()));
            stats.unreadable().forEach(root.putArray("unreadable")::add);
            stats.wrongLength().forEach(root.putArray("wrong_length")::add);
            root.put("skipped_non_wav", stats.skippedNonWav());
            stats.scanProblems().forEach(root.putArray("scan_problems")::add);
            return mapper.writeValueAsString(root);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        static void printTable(PrintWriter out, Dataset ds, DatasetStats stats) {
            out.printf(Locale.ROOT, "Dataset %s%n", ds.root());
            out.printf(Locale.ROOT, "%d clips, %.1f min; split by %s%n%n", stats.totalClips(), stats.totalSeconds() / 60,
                    ds.hasListFiles() ? "validation/testing list files" : "name hash (10% validation, 10% testing)");
            out.printf(Locale.ROOT, "%-20s %7s %9s %7s %7s %7s  %s%n", "label", "clips", "minutes", "train", "valid", "test", "balance");
            for (DatasetStats.LabelStats l : stats.labels().values()) {
                Map<Split, Integer> ps = l.perSplit();
                out.printf(Locale.ROOT, "%-20s %7d %9.2f %7d %7d %7d  %s %4.1f%%%n", l.label(), l.clips(), l.seconds() / 60,
                        ps.get(Split.TRAINING), ps.get(Split.VALIDATION), ps.get(Split.TESTING),
                        bar(l.share(), stats.labels().values()), 100 * l.share());
            }
            Map<Split, Integer> t = stats.clipsPerSplit();
            out.printf(Locale.ROOT, "%-20s %7d %9.2f %7d %7d %7d%n", "total", stats.totalClips(), stats.totalSeconds() / 60,
                    t.get(Split.TRAINING), t.get(Split.VALIDATION), t.get(Split.TESTING));
            out.printf(Locale.ROOT, "%nBackground noise: %d files, %.1f s%n", stats.noiseFiles(), stats.noiseSeconds());
            if (stats.skippedNonWav() > 0) {
                out.printf(Locale.ROOT, "Non-WAV files in label folders (not used): %d%n", stats.skippedNonWav());
            }
            section(out, "Unreadable clips", stats.unreadable());
            section(out, String.format(Locale.ROOT, "Clips not %.3f s long", ds.clipDurationMs() / 1000.0), stats.wrongLength());
            section(out, "Folders or files that could not be read", stats.scanProblems());
        }

        private static String bar(double share, java.util.Collection<DatasetStats.LabelStats> all) {
            double max = all.stream().mapToDouble(DatasetStats.LabelStats::share).max().orElse(1);
            int n = max > 0 ? (int) Math.round(20 * share / max) : 0;
            return "#".repeat(n) + ".".repeat(20 - n);
        }

        private static void section(PrintWriter out, String title, List<String> lines) {
            if (lines.isEmpty()) {
                return;
            }
            out.printf(Locale.ROOT, "%n%s: %d%n", title, lines.size());
            int shown = Math.min(lines.size(), 50);
            for (int i = 0; i < shown; i++) {
                out.println("  " + lines.get(i));
            }
            if (lines.size() > shown) {
                out.println("  ... and " + (lines.size() - shown) + " more (use --json for all)");
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Decode every clip and noise file. Prints one line per file that fails and exits with 1 if any do.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "Dataset folder.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Dataset ds = open(dir, spec);
            List<String> bad = new ArrayList<>(ds.scanProblems());
            List<Clip> clips = ds.clips();
            ConsoleProgress progress = new ConsoleProgress(System.err);
            for (int i = 0; i < clips.size(); i++) {
                Clip c = clips.get(i);
                if ((i & 63) == 0) {
                    progress.progress(i, clips.size(), "Decoding " + c.relativePath());
                }
                try {
                    WavReader.read(ds.path(c));
                } catch (AudioFileException e) {
                    bad.add(e.getMessage());
                }
            }
            for (Path noise : ds.noiseFiles()) {
                try {
                    WavReader.read(noise);
                } catch (AudioFileException e) {
                    bad.add(e.getMessage());
                }
            }
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            bad.forEach(out::println);
            int files = clips.size() + ds.noiseFiles().size();
            int failedFiles = bad.size() - ds.scanProblems().size();
            spec.commandLine().getErr().printf(Locale.ROOT, "%d of %d files decode; %d failed%s%n", files - failedFiles, files, failedFiles,
                    ds.scanProblems().isEmpty() ? "" : "; " + ds.scanProblems().size() + " could not be read at all");
            out.flush();
            return bad.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import WAV files or folders of WAV files into a label: converted to 16 kHz mono 16-bit, names made unique.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "SRC", arity = "1..*", description = "WAV files or folders (searched recursively).")
        List<Path> sources;
        @Option(names = "--into", required = true, paramLabel = "DIR", description = "Dataset folder to import into.")
        Path into;
        @Option(names = "--label", required = true, paramLabel = "L", description = "Label (folder) to put the clips in; created if missing.")
        String label;

        @Override
        public Integer call() throws Exception {
            Dataset.checkLabelName(label);
            Dataset ds = open(into, spec);
            ConsoleProgress progress = new ConsoleProgress(System.err);
            ImportResult r = ds.importFiles(sources, label, progress, CancellationToken.NONE);
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (String f : r.failures()) {
                err.println("failed: " + f);
            }
            out.printf(Locale.ROOT, "Imported %d clips into %s/%s%s%n", r.imported().size(), ds.root(), label,
                    r.skippedNonWav() > 0 ? " (" + r.skippedNonWav() + " non-WAV files skipped)" : "");
            out.flush();
            err.flush();
            return r.failures().isEmpty() ? 0 : 1;
        }
    }
}
