package io.kwsstudio.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so a crash or full disk never leaves a half-written file: the content goes to a
 * temp file in the same folder, is fsync'ed, and is then atomically renamed over the target
 * (falling back to {@code REPLACE_EXISTING} where the file system has no atomic rename). If
 * anything fails before the rename, the temp file is removed and the target is left untouched.
 *
 * <p>Details worth knowing:
 * <ul>
 *   <li>The parent folder must exist; it is not created.</li>
 *   <li>If the target is a symbolic link, the file it points to is replaced and the link kept.</li>
 *   <li>An existing target's POSIX permissions are carried over to the new file.</li>
 *   <li>Temp files are named {@code .<name>.<random>.tmp}, so a crash mid-write leaves at
 *       most a hidden {@code .tmp} file, never a truncated target.</li>
 * </ul>
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 64 * 1024;
    // Keeps temp names well below the usual 255-byte file name limit.
    private static final int MAX_NAME_IN_TEMP = 100;

    private AtomicFiles() {
    }

    /** Replaces {@code target} with exactly {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with {@code text} encoded as UTF-8 (no byte order mark). */
    public static void writeString(Path target, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with whatever {@code writer} writes to the stream it is given. The
     * stream is buffered; the writer may close it or not. If the writer throws, the target is not
     * touched and the exception propagates.
     */
    public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
        write(target, writer, Files::move);
    }

    /** An action that may throw {@link IOException}, such as writing to a stream. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T t) throws IOException;
    }

    /** Moves a file; a seam so tests can simulate file systems without atomic rename. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to, CopyOption... options) throws IOException;
    }

    static void write(Path target, IOConsumer<OutputStream> writer, Mover mover) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(writer, "writer");
        Path destination = resolveDestination(target);
        Path folder = destination.getParent();
        if (folder == null || destination.getFileName() == null) {
            throw new IOException(target + ": not a file path");
        }
        if (Files.isDirectory(destination)) {
            throw new IOException(target + ": is a folder, not a file");
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(target.toString(), null,
                    "cannot write: folder " + folder + " does not exist");
        }

        Path temp = createTemp(folder, destination.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new UnclosableStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
                writer.accept(out);
                out.flush();
                // Data must be on disk before the rename makes it visible, or a crash right after
                // the rename could expose an empty file.
                channel.force(true);
            }
            copyPermissions(destination, temp);
            try {
                mover.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                mover.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            discard(temp, e);
            throw e;
        }
        syncFolder(folder);
    }

    // Renaming over a symlink would replace the link itself; users expect the file it points to.
    private static Path resolveDestination(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!Files.isSymbolicLink(absolute)) {
            return absolute;
        }
        try {
            return absolute.toRealPath();
        } catch (NoSuchFileException dangling) {
            return absolute.resolveSibling(Files.readSymbolicLink(absolute)).normalize();
        }
    }

    private static Path createTemp(Path folder, String name) throws IOException {
        String stem = name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name;
        // Files.createTempFile would make the file owner-only (0600) on POSIX; createFile uses
        // the normal umask, so a new target gets the permissions users expect.
        for (int attempt = 0; ; attempt++) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            Path temp = folder.resolve("." + stem + "." + random + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) {
        // Best effort: losing the old mode bits is better than failing the save.
        try {
            if (Files.exists(from)) {
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // Non-POSIX file system or no access to the old file's attributes.
        }
    }

    private static void discard(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    // Makes the rename itself durable. Linux supports fsync on a directory; other systems may
    // refuse, and the rename is still atomic there, so failures are ignored.
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Not supported on this platform.
        }
    }

    /** Lets writers close "their" stream without closing the channel we still need to fsync. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // FilterOutputStream would write byte by byte.
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
