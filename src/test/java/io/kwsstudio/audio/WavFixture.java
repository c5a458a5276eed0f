package io.kwsstudio.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built WAV files for tests: every header field can be set to a chosen (also wrong) value,
 * and extra chunks can be placed before or after the fmt and data chunks.
 */
final class WavFixture {

    static final int PCM = 1;
    static final int FLOAT = 3;
    static final int EXTENSIBLE = 0xFFFE;

    private int formatCode;
    private int channels;
    private int sampleRate;
    private int bits;
    private Integer blockAlign;
    private Integer extensibleSubFormat;
    private int validBits;
    private byte[] guidTail = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private Long fmtSizeField;
    private byte[] fmtBodyOverride;
    private byte[] data = new byte[0];
    private Long dataSizeField;
    private Long riffSizeField;
    private String magic = "RIFF";
    private String form = "WAVE";
    private boolean includeFmt = true;
    private boolean includeData = true;
    private boolean fmtAfterData;
    private boolean padOddChunks = true;
    private final List<Raw> before = new ArrayList<>();
    private final List<Raw> between = new ArrayList<>();
    private final List<Raw> after = new ArrayList<>();

    /** An extra chunk, turned into bytes only in build() so padding settings apply to it. */
    private record Raw(String id, byte[] body, long sizeField) {
    }

    private WavFixture(int formatCode, int channels, int sampleRate, int bits) {
        this.formatCode = formatCode;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.bits = bits;
    }

    static WavFixture pcm(int bits, int channels, int sampleRate) {
        return new WavFixture(PCM, channels, sampleRate, bits);
    }

    static WavFixture ieeeFloat(int bits, int channels, int sampleRate) {
        return new WavFixture(FLOAT, channels, sampleRate, bits);
    }

    static WavFixture format(int code, int channels, int sampleRate, int bits) {
        return new WavFixture(code, channels, sampleRate, bits);
    }

    /** Makes this a WAVE_FORMAT_EXTENSIBLE file with the given sub-format (1 PCM, 3 float). */
    WavFixture extensible(int subFormat, int validBits) {
        this.extensibleSubFormat = subFormat;
        this.validBits = validBits;
        this.formatCode = EXTENSIBLE;
        return this;
    }

    WavFixture guidTail(byte[] tail) {
        this.guidTail = tail.clone();
        return this;
    }

    WavFixture blockAlign(int value) {
        this.blockAlign = value;
        return this;
    }

    WavFixture fmtSizeField(long value) {
        this.fmtSizeField = value;
        return this;
    }

    WavFixture fmtBody(byte[] body) {
        this.fmtBodyOverride = body.clone();
        return this;
    }

    WavFixture dataSizeField(long value) {
        this.dataSizeField = value;
        return this;
    }

    WavFixture riffSizeField(long value) {
        this.riffSizeField = value;
        return this;
    }

    WavFixture magic(String value) {
        this.magic = value;
        return this;
    }

    WavFixture form(String value) {
        this.form = value;
        return this;
    }

    WavFixture withoutFmt() {
        this.includeFmt = false;
        return this;
    }

    WavFixture withoutData() {
        this.includeData = false;
        return this;
    }

    WavFixture fmtAfterData() {
        this.fmtAfterData = true;
        return this;
    }

    /** Leaves out the pad byte after odd-sized chunks, as some buggy writers do. */
    WavFixture withoutPadBytes() {
        this.padOddChunks = false;
        return this;
    }

    WavFixture chunkBeforeFmt(String id, byte[] body) {
        before.add(new Raw(id, body.clone(), body.length));
        return this;
    }

    WavFixture chunkBeforeData(String id, byte[] body) {
        between.add(new Raw(id, body.clone(), body.length));
        return this;
    }

    /** A chunk whose size field says {@code sizeField} whatever the body length. */
    WavFixture chunkBeforeData(String id, byte[] body, long sizeField) {
        between.add(new Raw(id, body.clone(), sizeField));
        return this;
    }

    WavFixture chunkAfterData(String id, byte[] body) {
        after.add(new Raw(id, body.clone(), body.length));
        return this;
    }

    WavFixture data(byte[] raw) {
        this.data = raw.clone();
        return this;
    }

    /**
     * Interleaved integer samples: for 8-bit the raw unsigned byte (0..255), otherwise signed
     * values of the container size (bits rounded up to whole bytes).
     */
    WavFixture samples(long... interleaved) {
        int bytes = (bits + 7) / 8;
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : interleaved) {
            for (int i = 0; i < bytes; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        this.data = b.array();
        return this;
    }

    /** Interleaved float samples written as 32- or 64-bit IEEE floats per {@code bits}. */
    WavFixture floatSamples(double... interleaved) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bits / 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (double v : interleaved) {
            if (bits == 64) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        this.data = b.array();
        return this;
    }

    byte[] fmtBody() {
        if (fmtBodyOverride != null) {
            return fmtBodyOverride.clone();
        }
        int align = blockAlign != null ? blockAlign : channels * ((bits + 7) / 8);
        boolean ext = extensibleSubFormat != null;
        ByteBuffer b = ByteBuffer.allocate(ext ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) formatCode);
        b.putShort((short) channels);
        b.putInt(sampleRate);
        b.putInt(sampleRate * align);
        b.putShort((short) align);
        b.putShort((short) bits);
        if (ext) {
            b.putShort((short) 22);
            b.putShort((short) validBits);
            b.putInt(channels == 2 ? 3 : 4);  // speaker mask, ignored by the reader
            b.putShort(extensibleSubFormat.shortValue());
            b.put(guidTail);
        }
        return b.array();
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] fmt = chunk("fmt ", fmtBody(), fmtSizeField != null ? fmtSizeField
                : fmtBody().length);
        byte[] dataChunk = chunk("data", data, dataSizeField != null ? dataSizeField : data.length);
        before.forEach(r -> body.writeBytes(chunk(r.id(), r.body(), r.sizeField())));
        if (includeFmt && !fmtAfterData) {
            body.writeBytes(fmt);
        }
        between.forEach(r -> body.writeBytes(chunk(r.id(), r.body(), r.sizeField())));
        if (includeData) {
            body.writeBytes(dataChunk);
        }
        if (includeFmt && fmtAfterData) {
            body.writeBytes(fmt);
        }
        after.forEach(r -> body.writeBytes(chunk(r.id(), r.body(), r.sizeField())));
        byte[] chunks = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(magic.getBytes(StandardCharsets.ISO_8859_1));
        out.putInt((int) (riffSizeField != null ? riffSizeField : 4 + chunks.length));
        out.put(form.getBytes(StandardCharsets.ISO_8859_1));
        out.put(chunks);
        return out.array();
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, build());
        return file;
    }

    private byte[] chunk(String id, byte[] chunkBody, long sizeField) {
        boolean pad = padOddChunks && chunkBody.length % 2 == 1;
        ByteBuffer b = ByteBuffer.allocate(8 + chunkBody.length + (pad ? 1 : 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.ISO_8859_1));
        b.putInt((int) sizeField);
        b.put(chunkBody);
        return b.array();
    }
}
