package io.kwsstudio.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

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
 *
 * <p>It also makes OpenMP's idle threads sleep instead of spin ({@link #WAIT_POLICY}).
 */
public final class NativeBackend {
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /**
     * libgomp's threads spin after every parallel region (GOMP_SPINCOUNT 300,000 pauses, milliseconds on
     * AMD Zen) before they sleep, and ND4J runs one for nearly every op. On a 2-core machine those spinning
     * threads took the cores from the Java threads that train between ND4J calls: with OMP_WAIT_POLICY=PASSIVE
     * a tiny_conv training step ran 2x faster, low_latency_conv 1.2-2x, ds_cnn_s ~10% (docs/benchmarks.md).
     * libgomp reads the variable once, when it loads with ND4J, so {@link #configure} sets it in the process
     * environment first, unless the user set OMP_WAIT_POLICY or GOMP_SPINCOUNT; {@code -Dkws.ompPassive=false}
     * leaves it alone, for comparisons.
     */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private static boolean configured;

    /** libc's setenv, through JNA. */
    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private NativeBackend() {
    }

    /** Call before anything touches ND4J; later calls change nothing. Idempotent. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        if (!"false".equals(System.getProperty("kws.ompPassive"))
                && System.getenv(WAIT_POLICY) == null && System.getenv("GOMP_SPINCOUNT") == null) {
            setEnvironment(WAIT_POLICY, "PASSIVE");
        }
        if (System.getProperty(EXTENSION_PROPERTY) == null && !cpuHasAvx2()) {
            System.setProperty(EXTENSION_PROPERTY, "");
        }
    }

    /**
     * Sets a variable in this process's native environment (not Java's copy, which never changes), where
     * native libraries loaded afterwards see it. Linux and macOS; elsewhere, or if it fails, nothing changes:
     * training is then slower, not wrong.
     */
    static boolean setEnvironment(String name, String value) {
        if (!Platform.isLinux() && !Platform.isMac()) {
            return false;
        }
        try {
            C c = (C) Native.loadLibrary("c", C.class);
            return c.setenv(name, value, 0) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
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
