package io.kwsstudio.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes arrays as NumPy {@code .npy} files (format version 1.0, little-endian, C order) so features and
 * labels exported by the studio load with a plain {@code np.load}. Files are written to a temporary name
 * and renamed into place, so a reader never sees half a file.
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK_VALUES = 16 * 1024;

    private NpyWriter() {
    }

    /**
     * Writes {@code data} as {@code float32} with the given shape (row-major). With no shape given the
     * array is one-dimensional.
     *
     * @throws IllegalArgumentException if the shape's product differs from {@code data.length}
     */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        int[] dims = checkShape(data.length, shape);
        writeAtomically(file, header("<f4", dims), data.length, (buf, from, to) -> {
            for (int i = from; i < to; i++) {
                buf.putFloat(data[i]);
            }
        });
    }

    /** Writes {@code data} as {@code int32} (for example class labels) with the given shape. */
    public static void writeInts(Path file, int[] data, int... shape) throws IOException {
        int[] dims = checkShape(data.length, shape);
        writeAtomically(file, header("<i4", dims), data.length, (buf, from, to) -> {
            for (int i = from; i < to; i++) {
                buf.putInt(data[i]);
            }
        });
    }

    /** The complete header (magic, version, length, dict, padding), for tests and for streaming writers. */
    static byte[] header(String descr, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                dict.append(shape.length == 1 ? "," : ", ");
            }
        }
        dict.append("), }");
        // NumPy pads with spaces and ends with '\n' so that the data starts on a 64-byte boundary.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        if (text.length > 0xFFFF) {
            throw new IllegalArgumentException("Shape too long for an .npy 1.0 header");
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    private static int[] checkShape(int length, int[] shape) {
        if (shape == null || shape.length == 0) {
            return new int[] {length};
        }
        long product = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            product *= d;
        }
        if (product != length) {
            throw new IllegalArgumentException("Shape " + java.util.Arrays.toString(shape) + " holds " + product
                    + " values but the data has " + length);
        }
        return shape.clone();
    }

    private interface ChunkFiller {
        void fill(ByteBuffer buf, int from, int to);
    }

    private static void writeAtomically(Path file, byte[] header, int count, ChunkFiller filler) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocate(CHUNK_VALUES * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int from = 0; from < count; from += CHUNK_VALUES) {
                    buf.clear();
                    filler.fill(buf, from, Math.min(count, from + CHUNK_VALUES));
                    buf.flip();
                    writeFully(ch, buf);
                }
                ch.force(true);   // exported data should survive a crash right after "saved"
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
