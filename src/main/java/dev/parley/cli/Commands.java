package dev.parley.cli;

import dev.parley.config.ConfigException;
import dev.parley.transfer.ImportException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The commands beside serving: {@code import}, {@code export}, {@code backup}. Exit codes: 0 done,
 * 1 failed (one line saying why), 2 a bad command line or setting.
 */
public final class Commands {
    public static final String HELP = """

            Commands (they use the same PARLEY_* settings as the server):
              %s
                  import comments; --url sends the file to a running node (token from PARLEY_ADMIN_TOKEN
                  or --token), which shows them live; --dry-run prints what it would do, writing nothing
              %s
                  one site's threads and comments as JSON Lines (an operator's file: it holds author ids
                  and address hashes); - writes to standard output
              %s
                  a consistent copy of the SQLite database and the secret, taken while nodes serve;
                  with --url the node writes it to its PARLEY_BACKUP_DIR
              --site S names one of the server's sites (docs/sites.md); without it, the default site.
              See docs/import-export.md.
            """.formatted(ImportCommand.USAGE, ExportCommand.USAGE, BackupCommand.USAGE);

    private Commands() {
    }

    public static boolean isCommand(String name) {
        return List.of("import", "export", "backup").contains(name);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, String version) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "import" -> ImportCommand.run(rest, env, out);
                case "export" -> ExportCommand.run(rest, env, out, version);
                case "backup" -> BackupCommand.run(rest, env, out);
                default -> throw new Options.UsageException("unknown command " + printable(args[0]));
            };
        } catch (Options.UsageException e) {
            err.println("parley " + args[0] + ": " + e.getMessage() + "; usage: java -jar parley.jar "
                    + usage(args[0]));
            return 2;
        } catch (ConfigException e) {
            err.println("parley " + args[0] + ": configuration error: " + e.getMessage());
            return 2;
        } catch (ImportException e) {
            err.println("parley " + args[0] + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("parley " + args[0] + ": " + oneLine(e));
            return 1;
        }
    }

    private static String usage(String command) {
        return switch (command) {
            case "import" -> ImportCommand.USAGE;
            case "export" -> ExportCommand.USAGE;
            default -> BackupCommand.USAGE;
        };
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
