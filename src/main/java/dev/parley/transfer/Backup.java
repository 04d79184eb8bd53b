package dev.parley.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A consistent copy of a node's data while it serves: the SQLite database, copied online by the
 * store ({@code VACUUM INTO}: one snapshot, writers go on), and the secret that author tokens and
 * address hashes depend on. Without the secret a restored node could not read its own author
 * tokens. A secret given in {@code PARLEY_SECRET} lives in the environment, not in the data
 * directory: then it is not copied, and the answer says so.
 *
 * <p>Through the admin API a backup goes into a directory the server's settings name, in a new
 * folder per backup; the oldest beyond {@code keep} are removed, so repeated backups cannot fill
 * the disk; one runs at a time.
 */
public final class Backup {
    public static final String DATABASE = "parley.db";
    public static final String SECRET = "secret.key";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'parley-'yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /** Writes a consistent copy of the database to a file that does not exist yet. */
    @FunctionalInterface
    public interface Copier {
        void copyTo(Path file);
    }

    /** Where a backup went, its size, and whether the secret is in it. */
    public record Result(Path directory, long databaseBytes, boolean secretCopied) {
    }

    private final Copier copier;
    private final Path dataDir;
    private final boolean secretInEnvironment;
    private final Path backupDir;
    private final int keep;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public Backup(Copier copier, Path dataDir, boolean secretInEnvironment, Path backupDir, int keep, Clock clock) {
        this.copier = copier;
        this.dataDir = dataDir;
        this.secretInEnvironment = secretInEnvironment;
        this.backupDir = backupDir;
        this.keep = keep;
        this.clock = clock;
    }

    /** A new backup in the configured directory; {@link IllegalStateException} while another runs. */
    public Result take() throws IOException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a backup is already running on this node");
        }
        try {
            Files.createDirectories(backupDir);
            Result result = into(backupDir.resolve(NAME.format(clock.instant())));
            prune();
            return result;
        } finally {
            running.set(false);
        }
    }

    /** A backup into {@code dir}, which must be empty or not exist (the command line's {@code backup DIR}). */
    public Result into(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new IOException(dir + " is not empty: a backup goes into an empty or new directory");
            }
        }
        Path partial = dir.resolve(DATABASE + ".partial");
        copier.copyTo(partial);
        Path database = Files.move(partial, dir.resolve(DATABASE), StandardCopyOption.ATOMIC_MOVE);
        boolean secretCopied = false;
        Path secret = dataDir.resolve(SECRET);
        if (!secretInEnvironment && Files.exists(secret)) {
            Path copy = Files.copy(secret, dir.resolve(SECRET));
            try {
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            secretCopied = true;
        }
        return new Result(dir, Files.size(database), secretCopied);
    }

    /** Removes the oldest backups (by their names, which sort by time) beyond {@code keep}. */
    private void prune() throws IOException {
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(backupDir, "parley-*")) {
            entries.forEach(backups::add);
        }
        backups.sort(null);
        for (int i = 0; i < backups.size() - keep; i++) {
            try (var files = Files.walk(backups.get(i))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
