package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code predict}: the top labels of WAV files under a run's best model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify WAV files with a run's best model and print the top labels with their scores.",
                "Uses only the run folder (model, labels, feature settings), so a copied folder predicts the same anywhere. "
                        + "Longer recordings are scored on their loudest clip-length window."})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "RUN", description = "Run folder, or a run's name or id prefix in --runs.")
    String run;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE.wav", description = "WAV files.")
    List<Path> files;
    @Option(names = "--top", defaultValue = "3", description = "Labels to show per file (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder for names (default: ./runs).")
    Path runs;
    @Option(names = "--json", description = "Print JSON with every label's score.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Run r = RunsOption.find(run, runs);
        RunModel model = RunModel.load(r.dir());
        ObjectMapper m = new ObjectMapper();
        ArrayNode all = m.createArrayNode();
        int failed = 0;
        for (Path f : files) {
            List<RunModel.Score> scores;
            try {
                scores = model.predict(f);
            } catch (AudioFileException e) {
                err.println("error: " + e.getMessage());
                failed++;
                continue;
            }
            if (json) {
                ObjectNode o = all.addObject();
                o.put("file", f.toString());
                o.put("label", scores.get(0).label());
                ObjectNode s = o.putObject("scores");
                scores.forEach(sc -> s.put(sc.label(), sc.probability()));
            } else {
                StringBuilder sb = new StringBuilder(f.toString()).append(':');
                for (RunModel.Score sc : scores.subList(0, Math.min(top, scores.size()))) {
                    sb.append(String.format(Locale.ROOT, "  %s %.3f", sc.label(), sc.probability()));
                }
                out.println(sb);
            }
        }
        if (json) {
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
