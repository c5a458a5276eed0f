package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void writesAVersion1HeaderNumpyCanParse() throws IOException {
        Path file = dir.resolve("x.npy");
        float[] data = {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, 1e30f};
        NpyWriter.write(file, data, 2, 3);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(bytes[6]).isEqualTo((byte) 1);
        assertThat(bytes[7]).isEqualTo((byte) 0);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(header.trim()).endsWith("}");
        assertThat(bytes.length).isEqualTo(10 + headerLength + 4 * data.length);
        ByteBuffer body = ByteBuffer.wrap(bytes, 10 + headerLength, 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            assertThat(body.getFloat()).isEqualTo(v);
        }
        NpyReader.Array back = NpyReader.read(file);
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.data()).isEqualTo(data);
    }

    @Test
    void oneDimensionalShapesUseTheTrailingComma() throws IOException {
        Path file = dir.resolve("v.npy");
        NpyWriter.write(file, new float[] {1, 2, 3});
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII)).contains("'shape': (3,), }");
        NpyWriter.writeInts(dir.resolve("labels.npy"), new int[] {0, 1, 11}, 3);
        String labels = new String(Files.readAllBytes(dir.resolve("labels.npy")), StandardCharsets.US_ASCII);
        assertThat(labels).contains("'descr': '<i4'").contains("'shape': (3,)");
        assertThat(NpyReader.read(dir.resolve("labels.npy")).data()).containsExactly(0f, 1f, 11f);
    }

    @Test
    void largeArraysRoundTripAndReplaceTheOldFile() throws IOException {
        FeatureConfig cfg = FeatureConfig.defaults();
        float[] data = new float[3 * cfg.valuesPerClip()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        Path file = dir.resolve("features.npy");
        NpyWriter.write(file, new float[] {9}, 1);
        NpyWriter.write(file, data, 3, cfg.frames(), cfg.bins());
        NpyReader.Array back = NpyReader.read(file);
        assertThat(back.shape()).containsExactly(3, 98, 40);
        assertThat(back.data()).isEqualTo(data);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("features.npy");
        }
    }

    @Test
    void rejectsShapeMismatchesAndUnreadableFiles() throws IOException {
        assertThatThrownBy(() -> NpyWriter.write(dir.resolve("bad.npy"), new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 6 values but the data has 5");
        assertThat(Files.exists(dir.resolve("bad.npy"))).isFalse();
        Path fortran = dir.resolve("f.npy");
        byte[] ok = NpyWriter.header("<f4", new int[] {1});
        String h = new String(ok, StandardCharsets.ISO_8859_1).replace("False", "True ");
        Files.write(fortran, concat(h.getBytes(StandardCharsets.ISO_8859_1), new byte[4]));
        assertThatThrownBy(() -> NpyReader.read(fortran)).hasMessageContaining("Fortran order");
        Path truncated = dir.resolve("t.npy");
        Files.write(truncated, concat(NpyWriter.header("<f4", new int[] {10}), new byte[12]));
        assertThatThrownBy(() -> NpyReader.read(truncated)).hasMessageContaining("shorter than its header says");
        Path text = dir.resolve("x.npy");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> NpyReader.read(text)).hasMessageContaining("not an .npy file");
        Path complex = dir.resolve("c.npy");
        Files.write(complex, concat(NpyWriter.header("<c8", new int[] {1}), new byte[8]));
        assertThatThrownBy(() -> NpyReader.read(complex)).hasMessageContaining("'<c8'");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
