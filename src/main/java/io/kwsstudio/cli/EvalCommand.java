package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.runs.EvalReport;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunModel;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code eval}: a run's best model scored on a split of its dataset, or on any folder of clips. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a run's best model: accuracy, per-label precision/recall/F1 and the confusion matrix.",
                "On the run's own dataset it uses --split; on any other folder (a new recording session, say) it scores "
                        + "every clip, with folders that are not wanted words counted as _unknown_."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "RUN", description = "Run folder, or a run's name or id prefix in --runs.")
    String run;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DATASET", description = "Dataset folder (default: the run's).")
    Path dataset;
    @Option(names = "--split", defaultValue = "test", description = "training, validation or test (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder for names (default: ./runs).")
    Path runs;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Run r = RunsOption.find(run, runs);
        RunModel model = RunModel.load(r.dir());
        Path ds = dataset != null ? dataset : Path.of(model.config().datasetPath());
        ConsoleProgress bar = new ConsoleProgress(System.err);
        RunModel.DatasetEvaluation result = model.evaluate(Dataset.open(ds), parseSplit(split), bar, new CancellationToken());
        bar.finish();
        Evaluation e = result.evaluation();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("run", r.id());
            o.put("dataset", ds.toAbsolutePath().toString());
            o.put("split", result.sameDataset() ? split : "all");
            o.set("evaluation", EvalReport.toNode(e));
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%s): accuracy %.1f%% of %d clips, loss %.3f, macro F1 %.3f%n", r.info().name(),
                    ds, result.sameDataset() ? split + " split" : "every clip; other folders as _unknown_",
                    100 * e.accuracy(), e.count(), e.loss(), e.macroF1());
            printTable(out, e);
        }
        out.flush();
        return 0;
    }

    static Split parseSplit(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "training", "train" -> Split.TRAINING;
            case "validation", "val" -> Split.VALIDATION;
            case "test", "testing" -> Split.TESTING;
            default -> throw new IllegalArgumentException("unknown split \"" + s + "\": use training, validation or test");
        };
    }

    /** Per-label scores and the confusion matrix (rows: truth, columns: prediction). */
    static void printTable(PrintWriter out, Evaluation e) {
        List<String> labels = e.labels();
        int w = Math.max(9, labels.stream().mapToInt(String::length).max().orElse(5) + 1);
        out.printf(Locale.ROOT, "%n%-" + w + "s %9s %9s %9s %7s%n", "label", "precision", "recall", "F1", "clips");
        for (int i = 0; i < labels.size(); i++) {
            int n = 0;
            for (int v : e.confusion()[i]) {
                n += v;
            }
            out.printf(Locale.ROOT, "%-" + w + "s %9.3f %9.3f %9.3f %7d%n", labels.get(i), e.precision()[i], e.recall()[i],
                    e.f1()[i], n);
        }
        out.printf("%nconfusion matrix (rows: true label, columns: predicted)%n%-" + w + "s", "");
        for (int j = 0; j < labels.size(); j++) {
            out.printf(" %5s", abbreviate(labels.get(j)));
        }
        out.println();
        for (int i = 0; i < labels.size(); i++) {
            out.printf("%-" + w + "s", labels.get(i));
            for (int v : e.confusion()[i]) {
                out.printf(" %5d", v);
            }
            out.println();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 5 ? s : s.substring(0, 5);
    }
}
