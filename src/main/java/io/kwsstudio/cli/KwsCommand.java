package io.kwsstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kws-studio} command line: every studio capability, headless. */
@Command(name = "kws-studio", mixinStandardHelpOptions = true, versionProvider = KwsCommand.Version.class,
        description = "KWS Studio: build small keyword-spotting models end to end.%n"
                + "Run without arguments to open the studio.",
        subcommands = {StudioCommand.class, DatasetCommand.class, FeaturesCommand.class, RecordCommand.class, AlignCommand.class,
                TrainCommand.class, EvalCommand.class, PredictCommand.class, RunsCommand.class, ModelsCommand.class, StreamCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class KwsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KwsCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Expected failures (bad files, missing folders) are one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 2;
        });
        return cl;
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KwsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"KWS Studio " + (v == null ? "dev" : v)};
        }
    }
}
