package io.kwsstudio.runs;

import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A short identity of a dataset's contents: SHA-1 over every clip's path, label folder and size,
 * in path order. Cheap (the index already has these) and changes when clips are added, removed,
 * relabelled or re-recorded, so a run can tell whether it is being evaluated on its own data.
 */
public final class DatasetFingerprint {
    private DatasetFingerprint() {
    }

    public static String of(Dataset ds) {
        List<Clip> clips = new ArrayList<>(ds.clips());
        clips.sort(Comparator.comparing(Clip::relativePath));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Clip c : clips) {
            sha.update((c.relativePath() + "\t" + c.sizeBytes() + "\t" + c.split() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return clips.size() + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
