package dev.parley.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only Parley's own user may read: the data directory, the database and the secret key.
 * Each is created owner-only from its first moment (the mode is given to the system call that
 * creates it, not set afterwards), so there is no instant at which another user could open it.
 * On file systems without POSIX modes the files are created as the system does by default.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates the directory and any missing parents with mode 0700; one that exists is left as it is. */
    public static void directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, attributes(dir, "rwx------"));
        }
    }

    /**
     * Creates an empty file with mode 0600 unless it exists; an existing one loses any group and
     * other access (it may come from a version that created it with the default mode).
     *
     * @return whether an existing file's mode had to be narrowed
     */
    public static boolean file(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file, "rw-------"));
            return false;
        } catch (FileAlreadyExistsException exists) {
            return restrict(file);
        }
    }

    /** Takes group and other access away from the file if it exists; whether anything changed. */
    public static boolean restrict(Path file) throws IOException {
        if (!posix(file) || !Files.exists(file)) {
            return false;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!mode.removeAll(OTHERS)) {
            return false;
        }
        Files.setPosixFilePermissions(file, mode);
        return true;
    }

    /**
     * Writes {@code content} as the whole of {@code file}, mode 0600: into a temporary file created
     * owner-only beside it, synced to disk, then renamed over it in one step. A crash leaves the old
     * file or the new one, never a partial one; nobody but the owner can ever read either.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes(dir, "rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(dir);
    }

    /** Makes the rename durable; some systems cannot open a directory for this, which costs only durability. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file itself is synced; only the rename might be lost by a crash right now
        }
    }

    private static FileAttribute<?>[] attributes(Path onFileSystemOf, String mode) {
        return posix(onFileSystemOf)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
