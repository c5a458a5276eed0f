package io.kwsstudio.ui.train;

import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.TrainConfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Starting points for the training form: the reference settings per model (as its README and
 * papers recommend) and the user's own presets, saved as run-config JSON files in
 * {@code <settings folder>/presets/}. A built-in preset keeps the user's words and class shares;
 * a user preset restores everything it saved.
 */
public final class TrainPresets {
    /** A named config change. */
    public record Preset(String name, boolean builtIn, UnaryOperator<RunConfig> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Path folder;

    public TrainPresets(Path settingsFolder) {
        this.folder = settingsFolder.resolve("presets");
    }

    public static List<Preset> builtIn() {
        List<Preset> p = new ArrayList<>();
        p.add(model("Quick look · tiny_conv, Adam, 400 steps", ModelKind.TINY_CONV,
                t -> t.withOptimizer(TrainConfig.Optimizer.ADAM).withSchedule("300,100", "0.003,0.0005").withBatchSize(50)
                        .withEvalEvery(50)));
        p.add(model("conv · reference defaults (18,000 steps)", ModelKind.CONV, t -> t));
        p.add(model("low_latency_conv · recommended", ModelKind.LOW_LATENCY_CONV,
                t -> t.withSchedule("100000,35000", "0.01,0.001")));
        p.add(model("low_latency_svdf · recommended", ModelKind.LOW_LATENCY_SVDF,
                t -> t.withSchedule("100000,35000", "0.01,0.005")));
        p.add(model("tiny_conv · reference defaults", ModelKind.TINY_CONV, t -> t));
        p.add(model("ds_cnn_s · Hello Edge (Adam)", ModelKind.DS_CNN_S,
                t -> t.withOptimizer(TrainConfig.Optimizer.ADAM).withSchedule("10000,10000,10000", "0.0005,0.0001,0.00002")));
        p.add(model("ds_cnn_m · Hello Edge (Adam)", ModelKind.DS_CNN_M,
                t -> t.withOptimizer(TrainConfig.Optimizer.ADAM).withSchedule("10000,10000,10000", "0.0005,0.0001,0.00002")));
        p.add(model("single_fc · reference defaults", ModelKind.SINGLE_FC, t -> t));
        return p;
    }

    private static Preset model(String name, ModelKind kind, UnaryOperator<TrainConfig> training) {
        return new Preset(name, true, current -> {
            RunConfig d = RunConfig.defaults(kind);
            // The dataset's words and class shares stay; everything else is the preset's.
            var augment = d.augment().withWantedWords(current.augment().wantedWords())
                    .withSilencePercentage(current.augment().silencePercentage())
                    .withUnknownPercentage(current.augment().unknownPercentage());
            return d.withAugment(augment).withTraining(training.apply(d.training()));
        });
    }

    /** Built-in presets followed by the user's, by name. Unreadable user files are skipped. */
    public List<Preset> all() {
        List<Preset> out = new ArrayList<>(builtIn());
        if (Files.isDirectory(folder)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                return out;
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    RunConfig cfg = RunConfig.fromJson(Files.readString(f));
                    String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                    out.add(new Preset(name, false, c -> cfg));
                } catch (IOException | IllegalArgumentException e) {
                    // a damaged preset file must not hide the others
                }
            }
        }
        return out;
    }

    /** Saves {@code cfg} as a user preset (replacing one of the same name). */
    public void save(String name, RunConfig cfg) throws IOException {
        String clean = name.strip();
        if (clean.isEmpty() || !clean.matches("[\\p{L}\\p{N} ._()+,-]+")) {
            throw new IOException("a preset name may use letters, digits, spaces and . _ ( ) + , - only");
        }
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(clean + ".json"), cfg.withDataset("", "").toJson());
    }

    public void delete(String name) throws IOException {
        Files.deleteIfExists(folder.resolve(name + ".json"));
    }
}
