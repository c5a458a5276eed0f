package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.align.AlignMode;
import io.kwsstudio.align.AlignSettings;
import io.kwsstudio.align.BatchAlign;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Edit;
import io.kwsstudio.tasks.CancellationToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code align}: find each clip's word and place it consistently, in place (originals to the dataset's trash). */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Align clips so the word sits where the model expects it. DIR_OR_FILES may be a dataset folder, "
                + "label folders or clips inside a dataset. Originals go to the dataset's .trash folder.",
                "Modes: onset (the word starts at --offset-ms), centre (the word is centred), loudest (the reference's "
                        + "loudest-window extraction)."})
final class AlignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "DIR_OR_FILES", arity = "1..*", description = "Dataset folder, label folders or clip files.")
    List<Path> inputs;
    @Option(names = "--mode", defaultValue = "onset", description = "onset, centre or loudest (default: ${DEFAULT-VALUE}).")
    String mode;
    @Option(names = "--offset-ms", defaultValue = "100", description = "Where the word starts in onset mode (default: ${DEFAULT-VALUE} ms).")
    int offsetMs;
    @Option(names = "--dry-run", description = "Only print the detected onset and offset of each clip; change nothing.")
    boolean dryRun;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AlignMode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "onset" -> AlignMode.ONSET;
            case "centre", "center" -> AlignMode.CENTRE;
            case "loudest" -> AlignMode.LOUDEST;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown mode '" + mode + "'; use onset, centre or loudest");
        };
        Map<Path, List<Clip>> byDataset = new LinkedHashMap<>();
        Map<Path, Dataset> datasets = new LinkedHashMap<>();
        for (Path in : inputs) {
            Path p = in.toAbsolutePath().normalize();
            Path root;
            String label = null;
            String file = null;
            if (Files.isRegularFile(p)) {
                root = p.getParent().getParent();
                label = p.getParent().getFileName().toString();
                file = p.getFileName().toString();
            } else if (Files.isDirectory(p) && hasWavs(p)) {
                root = p.getParent();
                label = p.getFileName().toString();
            } else {
                root = p;
            }
            Dataset ds = datasets.get(root);
            if (ds == null) {
                ds = Dataset.open(root);
                datasets.put(root, ds);
            }
            List<Clip> clips = byDataset.computeIfAbsent(root, r -> new ArrayList<>());
            for (Clip c : label == null ? ds.clips() : ds.clips(label)) {
                if (file == null || c.fileName().equals(file)) {
                    clips.add(c);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode all = mapper.createArrayNode();
        int bad = 0;
        for (Map.Entry<Path, List<Clip>> e : byDataset.entrySet()) {
            Dataset ds = datasets.get(e.getKey());
            AlignSettings settings = new AlignSettings(m, ds.clipDurationMs(), offsetMs);
            ConsoleProgress progress = new ConsoleProgress(System.err);
            List<BatchAlign.Result> results = BatchAlign.plan(ds, e.getValue(), settings, progress, CancellationToken.NONE);
            progress.finish();
            for (BatchAlign.Result r : results) {
                if (!r.ok()) {
                    bad++;
                    spec.commandLine().getErr().println("failed: " + r.error());
                    continue;
                }
                var b = r.alignment().bounds();
                if (json) {
                    ObjectNode n = all.addObject();
                    n.put("clip", ds.path(r.clip()).toString());
                    n.put("speech", !r.alignment().silent());
                    n.put("onset_ms", Math.round(b.onsetSeconds(ds.sampleRate()) * 1000));
                    n.put("offset_ms", Math.round(b.offsetSeconds(ds.sampleRate()) * 1000));
                    n.put("shift_ms", Math.round(r.alignment().shiftSamples() * 1000.0 / ds.sampleRate()));
                    n.put("word_cut", r.alignment().wordCut());
                } else {
                    out.printf(Locale.ROOT, "%-40s %s%n", r.clip().relativePath(), r.alignment().silent() ? "no speech found"
                            : String.format(Locale.ROOT, "word %4d-%4d ms, shift %+5d ms%s", Math.round(b.onsetSeconds(ds.sampleRate()) * 1000),
                            Math.round(b.offsetSeconds(ds.sampleRate()) * 1000),
                            Math.round(r.alignment().shiftSamples() * 1000.0 / ds.sampleRate()), r.alignment().wordCut() ? ", WORD CUT" : ""));
                }
            }
            BatchAlign.Summary s = BatchAlign.summarize(results);
            if (!dryRun) {
                Edit edit = BatchAlign.apply(ds, results, "Align " + s.changed() + " clips (" + mode + ")");
                spec.commandLine().getErr().printf(Locale.ROOT, "%s: aligned %d of %d clips (%d without speech left as they were, %d words longer "
                        + "than the clip); originals are in %s%n", ds.root(), edit == null ? 0 : s.changed(), s.clips(), s.silent(), s.wordCut(),
                        ds.root().resolve(Dataset.TRASH_FOLDER));
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(all));
        }
        out.flush();
        return bad == 0 ? 0 : 1;
    }

    private static boolean hasWavs(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"));
        }
    }
}
