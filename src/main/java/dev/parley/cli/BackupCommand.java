package dev.parley.cli;

import dev.parley.transfer.Backup;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code backup DIR}: a consistent copy of the SQLite database and the secret into DIR (empty or
 * new), taken online, so a node may be serving meanwhile. {@code backup --url URL}: the running
 * node takes it, into the backup directory its own settings name ({@code PARLEY_BACKUP_DIR}).
 */
final class BackupCommand {
    static final String USAGE = "backup DIR | backup --url URL";

    private BackupCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out) throws IOException {
        Options options = new Options(args, Set.of("url", "token"), Set.of());
        if (options.value("url") != null) {
            if (!options.positional().isEmpty()) {
                throw new Options.UsageException("with --url the node chooses the directory (PARLEY_BACKUP_DIR): give no DIR");
            }
            JsonObject answer = new RemoteNode(options.value("url"), options.value("token"), env)
                    .post("/api/v1/admin/backup", HttpRequest.BodyPublishers.ofString("{}"), "application/json",
                            Duration.ofHours(1));
            out.println("the node wrote its backup to " + answer.getString("directory") + " ("
                    + answer.getLong("databaseBytes") + " bytes)" + secretNote(answer.getBoolean("secretCopied", false)));
            return 0;
        }
        Path dir = Path.of(options.single("DIR"));
        try (Offline node = new Offline(env)) {
            if (!node.database.dialect().name().equals("SQLITE")) {
                throw new IOException("backup copies SQLite; for PostgreSQL use pg_dump (docs/operations.md)");
            }
            Backup.Result result = new Backup(node.database::copyTo, node.config.store().dataDir(),
                    !node.config.trust().secret().isEmpty(), dir, 1, Clock.systemUTC()).into(dir);
            out.println("backed up to " + result.directory().toAbsolutePath() + " (" + result.databaseBytes()
                    + " bytes)" + secretNote(result.secretCopied()));
            return 0;
        }
    }

    static String secretNote(boolean copied) {
        return copied ? ", with the secret" : "; the secret is PARLEY_SECRET, not a file: keep it with the backup";
    }
}
