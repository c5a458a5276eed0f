package io.kwsstudio.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> folderContents() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesNewFile() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(folderContents()).containsExactly("a.bin");
    }

    @Test
    void replacesExistingFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(folderContents()).containsExactly("a.txt");
    }

    @Test
    void writeStringIsUtf8WithoutBom() throws IOException {
        Path target = dir.resolve("u.txt");
        AtomicFiles.writeString(target, "µ-law ü €");
        assertThat(Files.readAllBytes(target))
                .isEqualTo("µ-law ü €".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamWriterMayCloseTheStreamAndWriteLargeContent() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] chunk = new byte[100_000];
        Arrays.fill(chunk, (byte) 7);
        AtomicFiles.write(target, out -> {
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write(9);
            out.close();
        });
        assertThat(Files.size(target)).isEqualTo(1_000_001);
        assertThat(folderContents()).containsExactly("big.bin");
    }

    @Test
    void failingWriterLeavesTargetUntouchedAndNoTempFile() throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "precious");
        IOException boom = new IOException("disk full");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);  // more than the buffer, so bytes reach the temp file
            throw boom;
        })).isSameAs(boom);
        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(folderContents()).containsExactly("keep.txt");
    }

    @Test
    void runtimeExceptionFromWriterAlsoCleansUp() throws IOException {
        Path target = dir.resolve("new.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("bug"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(folderContents()).isEmpty();
    }

    @Test
    void fallsBackToReplaceWhenAtomicMoveIsUnsupported() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "old");
        List<Set<CopyOption>> calls = new ArrayList<>();
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)),
                (from, to, options) -> {
                    calls.add(Set.of(options));
                    if (Set.of(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
                        throw new AtomicMoveNotSupportedException(from.toString(), to.toString(),
                                "not here");
                    }
                    Files.move(from, to, options);
                });
        assertThat(calls).containsExactly(Set.of(StandardCopyOption.ATOMIC_MOVE),
                Set.of(StandardCopyOption.REPLACE_EXISTING));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(folderContents()).containsExactly("f.txt");
    }

    @Test
    void failedMoveRemovesTempFile() throws IOException {
        Path target = dir.resolve("g.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1),
                (from, to, options) -> {
                    throw new IOException("rename refused");
                })).hasMessage("rename refused");
        assertThat(folderContents()).isEmpty();
    }

    @Test
    void missingFolderGivesClearMessage() {
        Path target = dir.resolve("no/such/folder/x.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("x.txt")
                .hasMessageContaining("does not exist");
    }

    @Test
    void targetThatIsAFolderIsRefused() throws IOException {
        Path target = Files.createDirectory(dir.resolve("folder.wav"));
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("folder.wav")
                .hasMessageContaining("is a folder");
        assertThat(Files.isDirectory(target)).isTrue();
    }

    @Test
    void symlinkIsKeptAndItsTargetReplaced() throws IOException {
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = dir.resolve("link.txt");
        try {
            Files.createSymbolicLink(link, real.getFileName());
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        AtomicFiles.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(folderContents()).containsExactly("link.txt", "real.txt");
    }

    @Test
    void keepsPermissionsOfTheReplacedFile() throws IOException {
        Path target = dir.resolve("p.txt");
        Files.writeString(target, "old");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        try {
            Files.setPosixFilePermissions(target, mode);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
        AtomicFiles.writeString(target, "new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(mode);
    }

    @Test
    void newFileIsNotOwnerOnly() throws IOException {
        // Files.createTempFile would give 0600; new files should follow the umask like any save.
        Path target = dir.resolve("shared.txt");
        AtomicFiles.writeString(target, "x");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        try {
            assertThat(Files.getPosixFilePermissions(target))
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
    }

    @Test
    void relativeTargetWorks() throws IOException {
        Path target = Path.of("target", "atomic-files-relative-test.txt");
        Files.createDirectories(target.getParent());
        try {
            AtomicFiles.writeString(target, "rel");
            assertThat(Files.readString(target)).isEqualTo("rel");
        } finally {
            Files.deleteIfExists(target);
        }
    }
}
