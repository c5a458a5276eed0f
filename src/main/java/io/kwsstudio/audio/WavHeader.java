package io.kwsstudio.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The RIFF/WAVE chunk walker shared by {@link WavReader#readInfo}, {@link WavReader#read} and
 * {@link WavReader#decode}: it reads only chunk headers and the {@code fmt } chunk, never the
 * audio, and turns every malformation into an {@link AudioFileException} with a specific message.
 */
final class WavHeader {

    /** Guards against files made of millions of tiny chunks (each costs a read). */
    static final int MAX_CHUNKS = 10_000;
    /** Higher rates are garbage in the header rather than real audio. */
    static final long MAX_SAMPLE_RATE = 10_000_000L;

    // Data sizes that streaming recorders write when they cannot seek back to fix the header:
    // 0xFFFFFFFF (ffmpeg and others), 0x7FFFFFFF (arecord), 0x7FFFF000 (SoX).
    private static final long[] UNKNOWN_SIZE_MARKERS = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x7FFFF000L};

    // KSDATAFORMAT_SUBTYPE_* GUIDs are {XXXXXXXX-0000-0010-8000-00AA00389B71}; the first two bytes
    // are the classic format code and the rest must be this.
    private static final byte[] SUBTYPE_GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private static final Map<Integer, String> CODEC_NAMES = Map.ofEntries(
            Map.entry(0x0000, "unknown format"),
            Map.entry(0x0002, "Microsoft ADPCM"),
            Map.entry(0x0006, "A-law"),
            Map.entry(0x0007, "µ-law"),
            Map.entry(0x0011, "IMA ADPCM"),
            Map.entry(0x0014, "G.723 ADPCM"),
            Map.entry(0x0022, "TrueSpeech"),
            Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0040, "G.721 ADPCM"),
            Map.entry(0x0050, "MPEG audio"),
            Map.entry(0x0055, "MP3"),
            Map.entry(0x00FF, "AAC"),
            Map.entry(0x0161, "Windows Media Audio"),
            Map.entry(0x0162, "Windows Media Audio Pro"),
            Map.entry(0x0163, "Windows Media Audio Lossless"),
            Map.entry(0x1610, "HE-AAC"),
            Map.entry(0x2000, "AC-3"),
            Map.entry(0xF1AC, "FLAC"));

    private WavHeader() {
    }

    /** What the fmt chunk says, validated. */
    private record Fmt(WavFormat.SampleType type, int channels, int sampleRate,
            int significantBits, int blockAlign) {
    }

    static WavFormat parse(ByteSource src, Path file) throws IOException {
        long size = src.size();
        if (size == 0) {
            throw problem(file, "empty file (0 bytes)");
        }
        ByteBuffer head = src.read(0, 12);
        String magic = head.remaining() >= 4 ? fourCC(head, 0) : "";
        boolean rf64 = magic.equals("RF64") || magic.equals("BW64");
        if (magic.equals("RIFX")) {
            throw problem(file, "big-endian RIFX is not supported; convert it to a standard WAV");
        }
        if (!magic.equals("RIFF") && !rf64) {
            throw problem(file, "not a WAV file (no RIFF header)" + otherFormatHint(head));
        }
        if (head.remaining() < 12) {
            throw problem(file, "truncated: the file ends inside the RIFF header (" + size
                    + " bytes)");
        }
        String form = fourCC(head, 8);
        if (!form.equals("WAVE")) {
            throw problem(file, "RIFF file of type '" + printable(form) + "', not WAVE");
        }
        long riffSize = u32(head, 4);

        Fmt fmt = null;
        long dataStart = -1;
        long dataBytes = -1;
        long ds64DataSize = -1;
        long pos = 12;
        int chunks = 0;
        // Walk the physical file, not the RIFF size: many writers get the RIFF size wrong.
        while (pos + 8 <= size && (fmt == null || dataStart < 0)) {
            if (++chunks > MAX_CHUNKS) {
                throw problem(file, "more than " + MAX_CHUNKS
                        + " chunks before the audio data; the file is probably corrupt");
            }
            ByteBuffer header = src.read(pos, 8);
            String id = fourCC(header, 0);
            long chunkSize = u32(header, 4);
            long body = pos + 8;
            long available = size - body;

            if (id.equals("data") && dataStart < 0) {
                long declared = chunkSize;
                if (rf64 && chunkSize == 0xFFFFFFFFL) {
                    if (ds64DataSize < 0) {
                        throw problem(file, "RF64 file without a ds64 chunk before the data"
                                + " (it holds the data size)");
                    }
                    declared = ds64DataSize;
                } else if (!rf64 && streamedToEof(chunkSize, available, riffSize, body)) {
                    // Audio runs to the end of the file, so nothing after it can be parsed.
                    dataStart = body;
                    dataBytes = available;
                    break;
                }
                if (declared > available) {
                    throw problem(file, "truncated: header says " + declared
                            + " bytes of audio, file has " + available);
                }
                dataStart = body;
                dataBytes = declared;
                if (fmt != null) {
                    break;
                }
                // fmt after data is unusual but legal; keep walking to find it.
                pos = nextChunk(src, body, declared, size);
                continue;
            }

            if (chunkSize > available) {
                if (id.equals("fmt ") && fmt == null) {
                    throw problem(file, "truncated: fmt chunk says " + chunkSize
                            + " bytes but the file ends after " + available);
                }
                throw problem(file, "chunk '" + printable(id) + "' at byte " + pos + " says "
                        + chunkSize + " bytes, past the end of the file (" + size + " bytes)");
            }
            if (id.equals("fmt ") && fmt == null) {
                fmt = parseFmt(src, body, chunkSize, file);
            } else if (id.equals("ds64") && rf64 && ds64DataSize < 0) {
                if (chunkSize < 24) {
                    throw problem(file, "ds64 chunk too small (" + chunkSize
                            + " bytes, need at least 24)");
                }
                ds64DataSize = src.read(body + 8, 8).getLong(0);
                if (ds64DataSize < 0) {
                    throw problem(file, "ds64 chunk has an impossible data size");
                }
            }
            pos = nextChunk(src, body, chunkSize, size);
        }

        if (fmt == null) {
            throw problem(file, "missing fmt chunk (the header that describes the audio format)");
        }
        if (dataStart < 0) {
            throw problem(file, "missing data chunk (no audio in the file)");
        }
        WavFormat format = new WavFormat(fmt.type, fmt.channels, fmt.sampleRate,
                fmt.significantBits, fmt.blockAlign, dataStart, dataBytes);
        if (format.frames() == 0) {
            throw problem(file, dataBytes == 0
                    ? "no audio frames (the data chunk is empty)"
                    : "no audio frames (the data chunk has " + dataBytes
                            + " bytes, less than one frame of " + fmt.blockAlign + ")");
        }
        return format;
    }

    /**
     * Whether a data chunk's size field is a placeholder left by a recorder that wrote the file
     * as a stream; then the audio is everything up to the end of the file.
     */
    private static boolean streamedToEof(long dataSize, long available, long riffSize,
            long dataStart) {
        for (long marker : UNKNOWN_SIZE_MARKERS) {
            // A marker that fits the file might be a real size: only a claim the file cannot
            // satisfy is taken as "unknown".
            if (dataSize == marker && dataSize > available) {
                return true;
            }
        }
        // Size 0 is a placeholder only when the RIFF size agrees that nothing was finalised;
        // otherwise it is a genuinely empty data chunk (reported as "no audio frames").
        boolean riffUnfinished = riffSize == 0 || riffSize == 0xFFFFFFFFL
                || riffSize + 8 <= dataStart;
        return dataSize == 0 && available > 0 && riffUnfinished;
    }

    /**
     * Where the chunk after this one starts. Odd-sized chunks are followed by a pad byte; some
     * writers forget it, so if the padded position does not hold a plausible chunk id but the
     * unpadded one does, the unpadded one is used.
     */
    private static long nextChunk(ByteSource src, long body, long chunkSize, long size)
            throws IOException {
        long end = body + chunkSize;
        if ((chunkSize & 1) == 0) {
            return end;
        }
        long padded = end + 1;
        if (padded + 4 <= size && !plausibleId(src.read(padded, 4))
                && plausibleId(src.read(end, 4))) {
            return end;
        }
        return padded;
    }

    private static boolean plausibleId(ByteBuffer b) {
        if (b.remaining() < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static Fmt parseFmt(ByteSource src, long body, long chunkSize, Path file)
            throws IOException {
        if (chunkSize < 16) {
            throw problem(file, "fmt chunk too small (" + chunkSize
                    + " bytes, need at least 16)");
        }
        ByteBuffer f = src.read(body, (int) Math.min(chunkSize, 40));
        int tag = u16(f, 0);
        int channels = u16(f, 2);
        long rate = u32(f, 4);
        int blockAlign = u16(f, 12);
        int bits = u16(f, 14);

        int code = tag;
        int validBits = bits;
        boolean extensible = tag == FORMAT_EXTENSIBLE;
        if (extensible) {
            if (chunkSize < 40) {
                throw problem(file, "fmt chunk too small for WAVE_FORMAT_EXTENSIBLE ("
                        + chunkSize + " bytes, need 40)");
            }
            validBits = u16(f, 18);
            code = u16(f, 24);
            for (int i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
                if (f.get(26 + i) != SUBTYPE_GUID_TAIL[i]) {
                    throw problem(file, "unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format "
                            + guid(f, 24) + "; convert it to PCM");
                }
            }
        }
        if (code != FORMAT_PCM && code != FORMAT_FLOAT) {
            throw problem(file, "unsupported encoding: " + codecName(code) + "; convert it to PCM");
        }
        if (channels == 0) {
            throw problem(file, "zero channels in the fmt chunk");
        }
        if (rate == 0) {
            throw problem(file, "sample rate is 0 Hz");
        }
        if (rate > MAX_SAMPLE_RATE) {
            throw problem(file, "implausible sample rate " + rate + " Hz");
        }
        if (bits == 0) {
            throw problem(file, "bits per sample is 0");
        }

        WavFormat.SampleType type;
        int significant;
        if (code == FORMAT_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw problem(file, "unsupported IEEE float sample size: " + bits
                        + " bits (supported: 32, 64)");
            }
            type = bits == 32 ? WavFormat.SampleType.F32 : WavFormat.SampleType.F64;
            significant = bits;
        } else {
            // Plain PCM may use e.g. 12 or 20 bits, left-justified in whole bytes; extensible
            // files give the container size in bits and the real precision in validBits.
            if (bits > 32 || (extensible && bits % 8 != 0)) {
                throw problem(file, "unsupported PCM sample size: " + bits
                        + " bits (supported: 8, 16, 24, 32)");
            }
            type = switch ((bits + 7) / 8) {
                case 1 -> WavFormat.SampleType.U8;
                case 2 -> WavFormat.SampleType.S16;
                case 3 -> WavFormat.SampleType.S24;
                default -> WavFormat.SampleType.S32;
            };
            if (extensible && validBits > bits) {
                throw problem(file, "valid bits per sample (" + validBits
                        + ") exceed the container size (" + bits + " bits)");
            }
            significant = extensible && validBits > 0 ? validBits : bits;
        }
        int expectedAlign = channels * type.bytes;
        if (blockAlign != expectedAlign) {
            throw problem(file, "block align " + blockAlign + " does not match " + channels
                    + " channel(s) of " + bits + "-bit samples (expected " + expectedAlign + ")");
        }
        return new Fmt(type, channels, (int) rate, significant, blockAlign);
    }

    private static String codecName(int code) {
        String number = code < 10 ? Integer.toString(code) : "0x" + Integer.toHexString(code);
        String name = CODEC_NAMES.get(code);
        return name == null ? "format " + number : name + " (format " + number + ")";
    }

    /** A hint for files that are audio, just not WAV; empty if unrecognised. */
    private static String otherFormatHint(ByteBuffer head) {
        int n = head.remaining();
        String start = new String(bytes(head, 0, Math.min(n, 4)), StandardCharsets.ISO_8859_1);
        String kind = null;
        if (start.startsWith("ID3") || (n >= 2 && (head.get(0) & 0xFF) == 0xFF
                && (head.get(1) & 0xE0) == 0xE0)) {
            kind = "MP3 audio";
        } else if (start.equals("OggS")) {
            kind = "Ogg (Vorbis/Opus) audio";
        } else if (start.equals("fLaC")) {
            kind = "FLAC audio";
        } else if (start.equals("FORM")) {
            kind = "an AIFF file";
        } else if (start.equals("caff")) {
            kind = "a Core Audio (CAF) file";
        } else if (start.equals(".snd")) {
            kind = "a Sun/NeXT AU file";
        } else if (n >= 8 && new String(bytes(head, 4, 4), StandardCharsets.ISO_8859_1)
                .equals("ftyp")) {
            kind = "an MP4/M4A file";
        }
        return kind == null ? "" : "; it looks like " + kind + ", convert it to WAV";
    }

    private static byte[] bytes(ByteBuffer b, int from, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = b.get(from + i);
        }
        return out;
    }

    private static String fourCC(ByteBuffer b, int at) {
        return new String(bytes(b, at, 4), StandardCharsets.ISO_8859_1);
    }

    /** Chunk ids from corrupt files can hold control characters; keep messages readable. */
    private static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) {
            if (c >= 0x20 && c <= 0x7E) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02X", (int) c));
            }
        }
        return sb.toString();
    }

    private static String guid(ByteBuffer b, int at) {
        return String.format("{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                u32(b, at), u16(b, at + 4), u16(b, at + 6),
                b.get(at + 8), b.get(at + 9), b.get(at + 10), b.get(at + 11),
                b.get(at + 12), b.get(at + 13), b.get(at + 14), b.get(at + 15));
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }

    private static AudioFileException problem(Path file, String problem) {
        return new AudioFileException(file, problem);
    }
}
