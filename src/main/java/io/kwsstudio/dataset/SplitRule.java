package io.kwsstudio.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference train/validation/test split (TensorFlow speech_commands {@code which_set}): the file
 * name without everything from {@code _nohash_} on is SHA-1 hashed, so all clips of one speaker land
 * in the same set and a clip never moves between sets when others are added. Entries of
 * {@code validation_list.txt} / {@code testing_list.txt} take precedence when those files exist.
 */
public record SplitRule(double validationPercent, double testingPercent) {
    public static final SplitRule DEFAULT = new SplitRule(10, 10);

    /** 2^27 - 1: the reference's MAX_NUM_WAVS_PER_CLASS. */
    static final long MAX_NUM_WAVS_PER_CLASS = (1L << 27) - 1;
    private static final Pattern NOHASH = Pattern.compile("_nohash_.*$");

    public SplitRule {
        if (validationPercent < 0 || testingPercent < 0 || validationPercent + testingPercent > 100) {
            throw new IllegalArgumentException("Validation and testing percentages must be between 0 and 100 and add up to at most 100, got "
                    + validationPercent + " and " + testingPercent);
        }
    }

    /** The set for a clip from its file name alone (the hashing rule). */
    public Split assign(String fileName) {
        double pct = hashPercent(fileName);
        if (pct < validationPercent) {
            return Split.VALIDATION;
        } else if (pct < validationPercent + testingPercent) {
            return Split.TESTING;
        }
        return Split.TRAINING;
    }

    /** The set for {@code label/fileName}, honouring list files when the dataset has them. */
    public Split assign(String label, String fileName, Set<String> validationList, Set<String> testingList) {
        if (!validationList.isEmpty() || !testingList.isEmpty()) {
            String rel = label + "/" + fileName;
            if (validationList.contains(rel)) {
                return Split.VALIDATION;
            }
            if (testingList.contains(rel)) {
                return Split.TESTING;
            }
            // The reference trains on everything the lists do not name.
            return Split.TRAINING;
        }
        return assign(fileName);
    }

    /** The reference's percentage_hash for a file's base name, in [0, 100]. */
    public static double hashPercent(String fileName) {
        String hashName = NOHASH.matcher(fileName).replaceFirst("");
        byte[] digest = sha1(hashName.getBytes(StandardCharsets.UTF_8));
        // int(hexdigest, 16) mod 2^27 only depends on the lowest 27 bits, i.e. the last 4 bytes.
        long low = ((digest[16] & 0xFFL) << 24) | ((digest[17] & 0xFFL) << 16) | ((digest[18] & 0xFFL) << 8) | (digest[19] & 0xFFL);
        long mod = low % (MAX_NUM_WAVS_PER_CLASS + 1);
        return mod * (100.0 / MAX_NUM_WAVS_PER_CLASS);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
