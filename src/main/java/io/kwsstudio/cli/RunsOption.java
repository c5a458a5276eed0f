package io.kwsstudio.cli;

import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How commands find runs: a run folder's path, or a name / id prefix in the runs folder. */
final class RunsOption {
    private RunsOption() {
    }

    /** {@code explicit}, or {@code ./runs}. */
    static RunStore store(Path explicit) {
        return new RunStore(explicit != null ? explicit : Path.of("runs"));
    }

    static Run find(String run, Path runsDir) throws IOException {
        Path asPath = Path.of(run);
        if (Files.isDirectory(asPath) && Files.exists(asPath.resolve("run.json"))) {
            return RunStore.read(asPath.toAbsolutePath().normalize());
        }
        return store(runsDir).open(run);
    }
}
