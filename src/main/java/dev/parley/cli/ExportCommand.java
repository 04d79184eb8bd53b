package dev.parley.cli;

import dev.parley.transfer.Exporter;
import dev.parley.transfer.Site;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code export FILE [--site S]}: one site's threads and comments as JSON Lines, from the database
 * the node's settings name (safe while nodes serve). {@code -} writes to standard output. The file
 * appears only once complete (written beside it, then renamed), readable by its owner alone: it
 * holds author ids and address hashes.
 */
final class ExportCommand {
    static final String USAGE = "export FILE [--site S]";

    private ExportCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, String version) throws IOException {
        Options options = new Options(args, Set.of("site"), Set.of());
        String site;
        try {
            site = Site.of(options.value("site"));
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException(e.getMessage());
        }
        String target = options.single("FILE");
        try (Offline node = new Offline(env)) {
            Exporter exporter = new Exporter(node.transferStore(), Exporter.origin(node.secret()), node.existing(site),
                    Clock.systemUTC());
            if (target.equals("-")) {
                OutputStream stream = new BufferedOutputStream(out, 1 << 16);
                exporter.export(stream, version);
                stream.flush();
                return 0;
            }
            Path file = Path.of(target).toAbsolutePath();
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Exporter.Counts counts;
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                ownerOnly(partial);
                counts = exporter.export(stream, version);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("exported " + counts.threads() + " threads and " + counts.comments() + " comments to " + file);
            return 0;
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
    }
}
