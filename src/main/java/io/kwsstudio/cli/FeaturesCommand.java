package io.kwsstudio.cli;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.features.FeatureKind;
import io.kwsstudio.features.NpyWriter;
import io.kwsstudio.render.Colormap;
import io.kwsstudio.render.FeatureImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code features}: the model's input features of WAV files as .npy arrays (and PNG images). */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute TF-compatible features (MFCC by default) of WAV files and write them as .npy arrays "
                + "(frames x bins, float32) that NumPy loads directly, optionally also as PNG images.",
                "A folder is searched recursively; the output keeps its sub-folder layout."})
final class FeaturesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "FILE_OR_DIR", arity = "0..*", description = "WAV files or folders.")
    List<Path> inputs = new ArrayList<>();
    @Option(names = "--config", paramLabel = "cfg.json", description = "Feature settings as JSON (see --print-config); missing fields take the defaults.")
    Path config;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "features-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--png", description = "Also write a PNG image next to each .npy.")
    boolean png;
    @Option(names = "--colormap", defaultValue = "VIRIDIS", description = "PNG colour map: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Colormap colormap;
    @Option(names = "--print-config", description = "Print the feature settings (the defaults, or --config's) as JSON and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FeatureConfig cfg = config == null ? FeatureConfig.defaults() : readConfig(config);
        if (printConfig) {
            stdout.println(cfg.toJson());
            stdout.flush();
            return 0;
        }
        if (inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give WAV files or folders, or --print-config");
        }
        FeatureExtractor extractor = new FeatureExtractor(cfg);
        int written = 0;
        List<String> failures = new ArrayList<>();
        for (Path input : inputs) {
            for (Path[] job : jobs(input)) {
                Path wav = job[0];
                Path npy = job[1];
                try {
                    AudioClip clip = WavReader.read(wav, cfg.sampleRate());
                    float[] f = extractor.extract(clip.samples());
                    Files.createDirectories(npy.getParent());
                    NpyWriter.write(npy, f, cfg.frames(), cfg.bins());
                    if (png) {
                        boolean power = cfg.kind() == FeatureKind.SPECTROGRAM || cfg.kind() == FeatureKind.AVERAGE;
                        FeatureImage.ValueScale scale = cfg.kind() == FeatureKind.MFCC
                                ? FeatureImage.mfccScale(f, cfg.frames(), cfg.bins())
                                : FeatureImage.autoScale(f, f.length, power, 80);
                        Path pngFile = npy.resolveSibling(npy.getFileName().toString().replaceFirst("\\.npy$", ".png"));
                        FeatureImage.writePng(pngFile, FeatureImage.render(f, cfg.frames(), cfg.bins(), scale, colormap),
                                cfg.frames(), cfg.bins(), 3);
                    }
                    written++;
                } catch (AudioFileException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        failures.forEach(f -> err.println("failed: " + f));
        stdout.printf(Locale.ROOT, "Wrote %d feature arrays (%d x %d, %s) to %s%n", written, cfg.frames(), cfg.bins(),
                cfg.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), out.toAbsolutePath());
        stdout.flush();
        err.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private static FeatureConfig readConfig(Path file) throws IOException {
        try {
            return FeatureConfig.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a valid feature config: " + e.getMessage(), e);
        }
    }

    /** (input wav, output npy) pairs; folders keep their layout under --out. */
    private List<Path[]> jobs(Path input) throws IOException {
        List<Path[]> jobs = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                        .filter(p -> !input.relativize(p).toString().startsWith("."))
                        .sorted()
                        .forEach(p -> jobs.add(new Path[] {p, out.resolve(npyName(input.relativize(p).toString()))}));
            }
        } else {
            jobs.add(new Path[] {input, out.resolve(npyName(input.getFileName().toString()))});
        }
        return jobs;
    }

    private static String npyName(String wavPath) {
        return wavPath.replaceFirst("(?i)\\.wav$", "") + ".npy";
    }
}
