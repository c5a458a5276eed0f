package io.kwsstudio.features;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A fast 128-bit content hash (xxHash64-style: four 64-bit multiply-rotate lanes, two differently mixed
 * finalisations) for cache keys. Not cryptographic: it guards against accidental collisions among a user's
 * own clips, not against an attacker. About ten times faster than SHA-1 here, which matters because a
 * cache hit must cost much less than the ~130 us it takes to recompute a clip's MFCC.
 */
final class ContentHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONGS_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ContentHash() {
    }

    /** 32 hex digits of the samples' exact bit patterns and count. */
    static String of(float[] samples) {
        long v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
        int n = samples.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            v1 = round(v1, pair(samples, i));
            v2 = round(v2, pair(samples, i + 2));
            v3 = round(v3, pair(samples, i + 4));
            v4 = round(v4, pair(samples, i + 6));
        }
        long[] tail = new long[(n - i + 1) / 2];
        for (int t = 0; i < n; i += 2, t++) {
            long lo = Float.floatToRawIntBits(samples[i]) & 0xFFFF_FFFFL;
            long hi = i + 1 < n ? (long) Float.floatToRawIntBits(samples[i + 1]) << 32 : 0;
            tail[t] = lo | hi;
        }
        return finish(v1, v2, v3, v4, 4L * n, tail, 0x5EED_F10A7L);
    }

    /** 32 hex digits of the bytes (for example a WAV file's content). */
    static String of(byte[] bytes) {
        long v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
        int n = bytes.length;
        int i = 0;
        for (; i + 32 <= n; i += 32) {
            v1 = round(v1, (long) LONGS_LE.get(bytes, i));
            v2 = round(v2, (long) LONGS_LE.get(bytes, i + 8));
            v3 = round(v3, (long) LONGS_LE.get(bytes, i + 16));
            v4 = round(v4, (long) LONGS_LE.get(bytes, i + 24));
        }
        long[] tail = new long[(n - i + 7) / 8];
        for (int t = 0; i < n; i += 8, t++) {
            long v = 0;
            for (int b = 0; b < 8 && i + b < n; b++) {
                v |= (bytes[i + b] & 0xFFL) << (8 * b);
            }
            tail[t] = v;
        }
        return finish(v1, v2, v3, v4, n, tail, 0xB17E5L);
    }

    /** 64-bit checksum of a byte range, for detecting damaged cache files. */
    static long checksum(byte[] bytes, int from, int to) {
        long v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
        int i = from;
        for (; i + 32 <= to; i += 32) {
            v1 = round(v1, (long) LONGS_LE.get(bytes, i));
            v2 = round(v2, (long) LONGS_LE.get(bytes, i + 8));
            v3 = round(v3, (long) LONGS_LE.get(bytes, i + 16));
            v4 = round(v4, (long) LONGS_LE.get(bytes, i + 24));
        }
        long h = merge(v1, v2, v3, v4, to - from);
        for (; i < to; i++) {
            h = Long.rotateLeft(h ^ ((bytes[i] & 0xFFL) * P5), 11) * P1;
        }
        return avalanche(h);
    }

    private static long pair(float[] s, int i) {
        return (Float.floatToRawIntBits(s[i]) & 0xFFFF_FFFFL) | ((long) Float.floatToRawIntBits(s[i + 1]) << 32);
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long merge(long v1, long v2, long v3, long v4, long length) {
        long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        h = (h ^ round(0, v1)) * P1 + P4;
        h = (h ^ round(0, v2)) * P1 + P4;
        h = (h ^ round(0, v3)) * P1 + P4;
        h = (h ^ round(0, v4)) * P1 + P4;
        return h + length;
    }

    private static String finish(long v1, long v2, long v3, long v4, long length, long[] tail, long domain) {
        // Two halves from the same state, mixed in different orders, so the 128 bits are not one hash twice.
        long a = merge(v1, v2, v3, v4, length) ^ domain;
        long b = merge(v4 ^ P3, v3, v2 ^ P5, v1, ~length) ^ Long.rotateLeft(domain, 29);
        for (long k : tail) {
            a = Long.rotateLeft(a ^ round(0, k), 27) * P1 + P4;
            b = Long.rotateLeft(b ^ round(P3, k), 23) * P2 + P5;
        }
        byte[] out = new byte[16];
        long ha = avalanche(a);
        long hb = avalanche(b ^ ha);
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (ha >>> (56 - 8 * i));
            out[8 + i] = (byte) (hb >>> (56 - 8 * i));
        }
        return HexFormat.of().formatHex(out);
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
