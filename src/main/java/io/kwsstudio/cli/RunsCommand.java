package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunInfo;
import io.kwsstudio.runs.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code runs}: the run store from the command line. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List training runs.",
        subcommands = {RunsCommand.ListRuns.class})
final class RunsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every run, newest first: status (a run whose process died shows as interrupted), model, "
                    + "best validation and test accuracy, size and settings.")
    static final class ListRuns implements Callable<Integer> {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: ./runs).")
        Path runs;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RunStore store = RunsOption.store(runs);
            RunStore.Listing listing = store.list();
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ArrayNode a = m.createArrayNode();
                for (Run r : listing.runs()) {
                    ObjectNode o = (ObjectNode) m.readTree(r.info().toJson());
                    o.put("id", r.id());
                    o.put("dir", r.dir().toString());
                    o.put("status", r.status().jsonName());
                    o.remove("pid");
                    o.remove("process_start");
                    a.add(o);
                }
                out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
            } else if (listing.runs().isEmpty()) {
                out.println("no runs in " + store.dir());
            } else {
                out.printf("%-36s %-16s %-16s %-12s %11s %8s %8s %10s  %s%n", "run", "name", "date", "status", "steps", "val acc",
                        "test acc", "params", "settings");
                for (Run r : listing.runs()) {
                    RunInfo i = r.info();
                    out.printf(Locale.ROOT, "%-36s %-16s %-16s %-12s %11s %8s %8s %,10d  %s%n", r.id(), cut(i.name(), 16),
                            WHEN.format(i.created()), r.status().jsonName(), i.step() + "/" + i.totalSteps(),
                            percent(i.bestValidation()), percent(i.testAccuracy()), i.parameters(), i.hyperParameters());
                }
            }
            for (String p : listing.problems()) {
                spec.commandLine().getErr().println("warning: " + p);
            }
            out.flush();
            spec.commandLine().getErr().flush();
            return 0;
        }

        private static String percent(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
        }

        private static String cut(String s, int n) {
            return s.length() <= n ? s : s.substring(0, n - 1) + "…";
        }
    }
}
