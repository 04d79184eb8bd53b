package dev.parley;

import dev.parley.config.Config;
import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;

/** Reads the configuration, starts the node, and stops it gracefully on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(ConfigLoader.help());
            return;
        }
        Config config;
        try {
            config = new ConfigLoader(System.getenv()).load();
        } catch (ConfigException e) {
            System.err.println("parley: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.log().json()) {
            // Must be set before the first logger exists: App's is created with the class.
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        App app = new App(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "parley-shutdown"));
    }
}
