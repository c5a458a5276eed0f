package io.kwsstudio.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A WAV file opened for positional reads. The first few KB are read once up front because that
 * is where nearly every WAV keeps all its chunk headers, so parsing a header usually costs a
 * single read system call.
 */
final class FileSource implements ByteSource, AutoCloseable {

    static final int HEAD_BYTES = 4096;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final byte[] head;
    private long bytesRead;

    private FileSource(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.head = new byte[(int) Math.min(size, HEAD_BYTES)];
        int n = readInto(ByteBuffer.wrap(head), 0);
        if (n < head.length) {
            throw new AudioFileException(file, "read error (the file got shorter while being read)");
        }
    }

    /** Opens {@code file}, turning the usual failures into messages a user understands. */
    static FileSource open(Path file) throws AudioFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new AudioFileException(file, describeOpenFailure(e), e);
        }
        if (attributes.isDirectory()) {
            throw new AudioFileException(file, "is a folder, not a file");
        }
        if (!attributes.isRegularFile()) {
            // FIFOs and devices would block or never end.
            throw new AudioFileException(file, "not a regular file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new AudioFileException(file, describeOpenFailure(e), e);
        }
        try {
            return new FileSource(file, channel);
        } catch (AudioFileException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AudioFileException(file, "read error (" + e.getMessage() + ")", e);
        }
    }

    /** The problem text for an exception thrown while opening a file. */
    static String describeOpenFailure(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (cannot read the file)";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return "cannot be opened (" + fse.getReason() + ")";
        }
        return "cannot be opened (" + e.getMessage() + ")";
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer read(long pos, int len) throws IOException {
        long from = Math.min(Math.max(pos, 0), size);
        int n = (int) Math.min(Math.max(len, 0), size - from);
        if (from + n <= head.length) {
            return ByteBuffer.wrap(head, (int) from, n).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer buffer = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readInto(buffer, from);
        buffer.flip();
        return buffer;
    }

    /** The whole file in one array (callers check the size first). */
    byte[] readAll() throws IOException {
        byte[] all = new byte[(int) size];
        System.arraycopy(head, 0, all, 0, head.length);
        int n = head.length + readInto(ByteBuffer.wrap(all, head.length, all.length - head.length),
                head.length);
        return n == all.length ? all : java.util.Arrays.copyOf(all, n);
    }

    /** Bytes fetched from the file so far (tests use it to prove header reads stay small). */
    long bytesRead() {
        return bytesRead;
    }

    Path file() {
        return file;
    }

    private int readInto(ByteBuffer dst, long pos) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        bytesRead += total;
        return total;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only channel: nothing can be lost.
        }
    }
}
