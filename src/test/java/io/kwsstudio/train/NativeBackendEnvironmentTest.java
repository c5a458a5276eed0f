package io.kwsstudio.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native environment that libgomp reads when ND4J loads it: OMP_WAIT_POLICY is set before that. */
class NativeBackendEnvironmentTest {
    private interface C extends Library {
        String getenv(String name);
    }

    private static String nativeEnv(String name) {
        return ((C) Native.loadLibrary("c", C.class)).getenv(name);
    }

    @Test
    void configureMakesOpenMpThreadsSleepUnlessTheUserChose() {
        assumeTrue(Platform.isLinux() || Platform.isMac(), "setenv is for Linux and macOS");
        NativeBackend.configure();
        String chosen = System.getenv(NativeBackend.WAIT_POLICY);
        if (chosen != null || System.getenv("GOMP_SPINCOUNT") != null || "false".equals(System.getProperty("kws.ompPassive"))) {
            assertThat(nativeEnv(NativeBackend.WAIT_POLICY)).isEqualTo(chosen);
        } else {
            assertThat(nativeEnv(NativeBackend.WAIT_POLICY)).isEqualTo("PASSIVE");
        }
    }

    @Test
    void setEnvironmentWritesTheNativeEnvironmentAndNeverOverwrites() {
        assumeTrue(Platform.isLinux() || Platform.isMac(), "setenv is for Linux and macOS");
        assertThat(NativeBackend.setEnvironment("KWS_STUDIO_TEST_VARIABLE", "first")).isTrue();
        assertThat(nativeEnv("KWS_STUDIO_TEST_VARIABLE")).isEqualTo("first");
        NativeBackend.setEnvironment("KWS_STUDIO_TEST_VARIABLE", "second");
        assertThat(nativeEnv("KWS_STUDIO_TEST_VARIABLE")).isEqualTo("first");
    }
}
