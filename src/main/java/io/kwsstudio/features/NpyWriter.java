package io.kwsstudio.features;

import io.kwsstudio.files.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes float arrays in NumPy's .npy format (v1.0, little-endian float32, C order) so Python users can np.load them. */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path file, float[] data, int... shape) throws IOException {
        AtomicFiles.write(file, encode(data, shape));
    }

    public static byte[] encode(float[] data, int... shape) {
        long count = 1;
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            count *= d;
            dims.append(d).append(", ");
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape holds " + count + " values, data has " + data.length);
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Magic (6) + version (2) + length (2) + header + newline must be a multiple of 64 bytes.
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(10 + h.length + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) h.length).put(h);
        buf.asFloatBuffer().put(data);
        return buf.array();
    }
}
