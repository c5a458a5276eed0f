package io.kwsstudio.cli;

import io.kwsstudio.ui.StudioApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** Opens the studio window, optionally on a dataset folder. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the studio window, optionally on a dataset folder.")
final class StudioCommand implements Runnable {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "Dataset folder to open (Speech Commands layout).")
    Path dataset;

    @Override
    public void run() {
        StudioApp.launchStudio(dataset);
    }
}
