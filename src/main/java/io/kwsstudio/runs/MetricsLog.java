package io.kwsstudio.runs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: appended a whole line at a time and flushed, so a crash loses at most the
 * line being written; readers skip a torn last line. When a run resumes, rows after its checkpoint
 * are dropped (those steps are trained again) by rewriting the file atomically.
 */
public final class MetricsLog implements AutoCloseable {
    static final String FILE = "metrics.csv";
    static final String HEADER = "step,train_loss,train_accuracy,learning_rate,examples_per_second,val_loss,val_accuracy";

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens the log of {@code runDir} for appending, keeping only rows up to {@code keepThroughStep}. */
    static MetricsLog open(Path runDir, int keepThroughStep) throws IOException {
        Path file = runDir.resolve(FILE);
        List<MetricRow> kept = Files.exists(file)
                ? read(file).stream().filter(r -> r.step() <= keepThroughStep).toList()
                : List.of();
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (MetricRow r : kept) {
            sb.append(line(r)).append('\n');
        }
        io.kwsstudio.files.AtomicFiles.writeString(file, sb.toString());
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    synchronized void append(MetricRow row) throws IOException {
        out.write(line(row));
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The rows of a metrics file; a torn or malformed line is skipped. Missing file: no rows. */
    public static List<MetricRow> read(Path file) throws IOException {
        List<MetricRow> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("step")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                continue;
            }
            try {
                rows.add(new MetricRow(Integer.parseInt(f[0]), num(f[1]), num(f[2]), num(f[3]), num(f[4]), num(f[5]), num(f[6])));
            } catch (NumberFormatException e) {
                // a torn line from a crash: skip it
            }
        }
        return rows;
    }

    private static String line(MetricRow r) {
        return r.step() + "," + fmt(r.trainLoss()) + "," + fmt(r.trainAccuracy()) + "," + fmt(r.learningRate()) + ","
                + fmt(r.examplesPerSecond()) + "," + fmt(r.validationLoss()) + "," + fmt(r.validationAccuracy());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
