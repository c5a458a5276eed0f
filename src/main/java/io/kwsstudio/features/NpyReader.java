package io.kwsstudio.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads simple NumPy {@code .npy} files (C order; little-endian float32, float64, int16 or int32) into a float
 * array: enough to load clips or features written by NumPy or by {@link NpyWriter}, for parity checks and
 * imports. Anything else is rejected with a message naming what was found.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The values (converted to float) and the shape of an array read from a file. */
    public record Array(float[] data, int[] shape) {
        @Override
        public String toString() {
            return "Array" + Arrays.toString(shape);
        }
    }

    private NpyReader() {
    }

    public static Array read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    static Array parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0x93
                || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IllegalArgumentException(name + " is not an .npy file");
        }
        int major = bytes[6];
        int headerLength;
        int dataStart;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xFFFF;
            dataStart = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8);
            dataStart = 12 + headerLength;
        } else {
            throw new IllegalArgumentException(name + " uses .npy format version " + major + ", not supported");
        }
        if (headerLength < 0 || dataStart > bytes.length) {
            throw new IllegalArgumentException(name + " has a truncated header");
        }
        String header = new String(bytes, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "descr");
        if (find(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(name + " is in Fortran order; save it with C order");
        }
        String shapeText = find(SHAPE, header, name, "shape").trim();
        int[] shape = shapeText.isEmpty() ? new int[0]
                : Arrays.stream(shapeText.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int width = switch (descr) {
            case "<f4", "<i4" -> 4;
            case "<f8" -> 8;
            case "<i2" -> 2;
            default -> throw new IllegalArgumentException(name + " holds '" + descr
                    + "' values; only <f4, <f8, <i2 and <i4 are supported");
        };
        if (count > Integer.MAX_VALUE || bytes.length - dataStart < count * width) {
            throw new IllegalArgumentException(name + " is shorter than its header says (" + count + " values of "
                    + descr + ")");
        }
        float[] data = new float[(int) count];
        b.position(dataStart);
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (descr) {
                case "<f4" -> b.getFloat();
                case "<f8" -> (float) b.getDouble();
                case "<i4" -> b.getInt();
                default -> b.getShort();
            };
        }
        return new Array(data, shape);
    }

    private static String find(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + " has no '" + key + "' in its header");
        }
        return m.group(1);
    }
}
