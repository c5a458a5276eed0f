package io.kwsstudio.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses which nd4j-native build JavaCPP loads. The app ships two: the generic x86-64 one and the
 * oneDNN + AVX2 one. With both on the class path JavaCPP loads the oneDNN + AVX2 build (it does not
 * look at the CPU), and ND4J exits the JVM when that build runs on a CPU without AVX2. So, before
 * ND4J loads, this checks the CPU and, where AVX2 or FMA is missing, sets JavaCPP's
 * {@code org.bytedeco.javacpp.platform.extension} to the empty string, which selects the generic build.
 * A value the user set on the command line is left alone.
 */
public final class NativeBackend {
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private NativeBackend() {
    }

    /** Call before anything touches ND4J; later calls change nothing. Idempotent. */
    public static synchronized void configure() {
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return;
        }
        if (!cpuHasAvx2()) {
            System.setProperty(EXTENSION_PROPERTY, "");
        }
    }

    /** True when /proc/cpuinfo lists avx2 and fma (what the AVX2 build needs); false when unsure. */
    static boolean cpuHasAvx2() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    String flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                    return flags.contains(" avx2 ") && flags.contains(" fma ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
