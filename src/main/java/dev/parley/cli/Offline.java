package dev.parley.cli;

import dev.parley.config.Config;
import dev.parley.config.ConfigLoader;
import dev.parley.identity.ServerSecret;
import dev.parley.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/**
 * A node's storage opened by a command, with the node's own settings (the same {@code PARLEY_*}
 * variables): the same database, migrated the same way, and the same secret. No server, no
 * broker: what a command writes reaches readers when they next load a page.
 */
final class Offline implements AutoCloseable {
    final Config config;
    final Database database;

    Offline(Map<String, String> env) {
        this.config = new ConfigLoader(env).load();
        this.database = new Database(new Database.Settings(config.store().dataDir(), config.store().databaseUrl(),
                Math.min(4, config.store().poolSize())), new SimpleMeterRegistry());
    }

    ServerSecret secret() {
        return ServerSecret.load(config.trust().secret(), config.store().dataDir());
    }

    @Override
    public void close() {
        database.close();
    }
}
