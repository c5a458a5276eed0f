package io.kwsstudio.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Random access to the bytes of a WAV, so one parser serves files (read lazily, only the parts it
 * needs) and byte arrays (imports, property tests).
 */
interface ByteSource {

    /** Total number of bytes. */
    long size();

    /**
     * Up to {@code len} bytes starting at {@code pos}; fewer only where the source ends. The buffer
     * is little-endian, starts at index 0, and is not shared with later calls.
     */
    ByteBuffer read(long pos, int len) throws IOException;

    /** A byte array as a source; reads are views, not copies. */
    final class Memory implements ByteSource {
        private final byte[] bytes;

        Memory(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public ByteBuffer read(long pos, int len) {
            int from = (int) Math.min(Math.max(pos, 0), bytes.length);
            int n = Math.min(Math.max(len, 0), bytes.length - from);
            return ByteBuffer.wrap(bytes, from, n).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
