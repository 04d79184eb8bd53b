package dev.parley;

import ch.qos.logback.classic.LoggerContext;
import dev.parley.cli.Commands;
import dev.parley.config.Config;
import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the command line and the configuration, starts the node, and stops it gracefully on
 * SIGTERM. Exit codes: 0 after a clean drain (and for --help and --version), 1 when the node cannot
 * start or its drain did not finish, 2 for a bad argument or setting.
 */
public final class Main {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (args.length > 0) {
            if (Commands.isCommand(args[0])) {
                quietLogs();
            }
            System.exit(command(args, env, System.out, System.err));
        }
        boolean json = "json".equals(env.getOrDefault("PARLEY_LOG_FORMAT", "").trim());
        Config config;
        try {
            config = new ConfigLoader(env).load();
        } catch (ConfigException e) {
            fatal(json, "configuration error: " + e.getMessage());
            System.exit(USAGE);
            return;
        }
        if (config.log().json()) {
            // Must be set before the first logger exists: App's is created with the class.
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        dev.parley.logging.LogContext.node(config.cluster().nodeId());
        new ConfigLoader(env).unknownVariables().forEach(log::warn);
        App app = new App(config);
        try {
            app.start();
        } catch (StartupException e) {
            log.error("cannot start: {}", e.getMessage());
            stopLogging();
            System.exit(FAILED);
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.toString());
            stopLogging();
            System.exit(FAILED);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = app.stop();
            stopLogging();
            // The JVM would exit 143 after SIGTERM; a drain that finished is a clean stop.
            Runtime.getRuntime().halt(clean ? 0 : FAILED);
        }, "parley-shutdown"));
    }

    static int command(String[] args, PrintStream out, PrintStream err) {
        return command(args, System.getenv(), out, err);
    }

    /** {@code --help}, {@code --version}, the {@link Commands}; anything else is refused with exit 2. */
    static int command(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(ConfigLoader.help());
            out.print(Commands.HELP);
            return 0;
        }
        if (Commands.isCommand(args[0])) {
            return Commands.run(args, env, out, err, version());
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("parley " + version());
            return 0;
        }
        err.println("parley: unknown argument '" + args[0].replaceAll("\\p{Cntrl}", "?")
                + "'; usage: java -jar parley.jar [--help | --version | import | export | backup] (settings come from"
                + " PARLEY_* variables)");
        return USAGE;
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /**
     * A failure before logging is set up: one line on standard error, as a JSON object when JSON
     * logs were asked for, so a log collector parses it like any other line.
     */
    private static void fatal(boolean json, String message) {
        if (json) {
            System.err.println(new io.vertx.core.json.JsonObject().put("level", "ERROR")
                    .put("timestamp", java.time.Instant.now().toString()).put("loggerName", "dev.parley.Main")
                    .put("message", "parley: " + message).encode());
        } else {
            System.err.println("parley: " + message);
        }
    }

    /** A command prints its own lines: the database's start-up chatter would bury them. */
    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Flushes and stops logging ourselves, after the last line: logback's own hook would race ours. */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
