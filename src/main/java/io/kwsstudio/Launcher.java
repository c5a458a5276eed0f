package io.kwsstudio;

import io.kwsstudio.cli.KwsCommand;

/**
 * Entry point of {@code kws-studio.jar}: with no arguments it opens the studio, with arguments it is
 * the command-line tool. It deliberately does not extend {@code javafx.application.Application}:
 * on the classpath JavaFX refuses to start a main class that does ("runtime components are missing").
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        QuietStdout.install();
        // Before ND4J loads: pick the native build this CPU can run.
        io.kwsstudio.train.NativeBackend.configure();
        if (args.length == 0) {
            io.kwsstudio.ui.StudioApp.launchStudio(null);
            return;
        }
        int code = KwsCommand.run(args);
        // A command that opened the studio returns only when its window closes; others exit with their code.
        System.exit(code);
    }
}
