package dev.parley.cli;

import dev.parley.comment.EventPublisher;
import dev.parley.comment.Markdown;
import dev.parley.transfer.Format;
import dev.parley.transfer.ImportReport;
import dev.parley.transfer.ImportStore;
import dev.parley.transfer.Importer;
import dev.parley.transfer.Site;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code import --format F FILE [--site S] [--dry-run] [--url URL] [--token T]}: with {@code --url},
 * the file goes to a running node's admin API, which imports it and publishes every comment to its
 * live readers; without, the import writes to the database the node's settings name (run it with
 * no node running, or readers see the comments only when they next load the page). A dry run
 * without {@code --url} reads the file alone and touches no database.
 */
final class ImportCommand {
    static final String USAGE = "import --format " + Format.names() + " FILE [--site S] [--dry-run] [--url URL]";

    private ImportCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out) throws IOException {
        Options options = new Options(args, Set.of("format", "site", "url", "token"), Set.of("dry-run"));
        if (options.value("format") == null) {
            throw new Options.UsageException("--format is required: " + Format.names());
        }
        Format format = argument(() -> Format.of(options.value("format")));
        String site = argument(() -> Site.of(options.value("site")));
        Path file = Path.of(options.single("FILE"));
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new IOException("cannot read " + file);
        }
        boolean dryRun = options.flag("dry-run");
        ImportReport report;
        if (options.value("url") != null) {
            RemoteNode node = new RemoteNode(options.value("url"), options.value("token"), env);
            String query = "?format=" + format.wire() + "&dryRun=" + dryRun + (options.value("site") == null ? ""
                    : "&site=" + URLEncoder.encode(options.value("site"), StandardCharsets.UTF_8));
            report = ImportReport.fromJson(node.post("/api/v1/admin/import" + query,
                    HttpRequest.BodyPublishers.ofFile(file), "application/octet-stream", Duration.ofHours(2)));
        } else if (dryRun) {
            report = new Importer(ImportStore.NONE, new Markdown(), EventPublisher.NONE, (f, key) -> null, Clock.systemUTC())
                    .run(format, file, site, true);
        } else {
            try (Offline node = new Offline(env)) {
                report = new Importer(node.transferStore(), new Markdown(), EventPublisher.NONE,
                        Importer.authorIds(node.secret()), Clock.systemUTC()).run(format, file, node.existing(site), false);
            }
        }
        out.print(report.toText());
        return 0;
    }

    private static <T> T argument(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException(e.getMessage());
        }
    }
}
