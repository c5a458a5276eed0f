package io.kwsstudio.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The words really spoken in a recording, {@code label,time_ms} per line as the reference's streaming test uses. */
public final class GroundTruth {
    /** One spoken word. */
    public record Word(String label, long timeMs) {
    }

    private GroundTruth() {
    }

    /** Reads a ground-truth CSV; a bad line is reported with its file and line number. */
    public static List<Word> read(Path csv) throws IOException {
        List<Word> words = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 2) {
                throw new IOException(csv + " line " + (i + 1) + ": expected label,time_ms but got \"" + line + "\"");
            }
            try {
                words.add(new Word(f[0].strip(), Math.round(Double.parseDouble(f[1].strip()))));
            } catch (NumberFormatException e) {
                if (i == 0) {
                    continue;  // a header line
                }
                throw new IOException(csv + " line " + (i + 1) + ": \"" + f[1].strip() + "\" is not a time in ms");
            }
        }
        words.sort(Comparator.comparingLong(Word::timeMs));
        return words;
    }
}
