package dev.parley.cli;

import dev.parley.config.Config;
import dev.parley.config.ConfigLoader;
import dev.parley.identity.AuthorTokens;
import dev.parley.identity.ServerSecret;
import dev.parley.store.Database;
import dev.parley.store.JdbcSiteStore;
import dev.parley.store.JdbcTransferStore;
import dev.parley.transfer.Site;
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

    /** The comment store's view of the rows a command reads and writes, with authors' public keys. */
    JdbcTransferStore transferStore() {
        return new JdbcTransferStore(database, new AuthorTokens(secret())::publicKey);
    }

    /** {@code site}, when it is the default site or one the server serves; a usage error otherwise. */
    String existing(String site) {
        if (!site.equals(Site.DEFAULT) && new JdbcSiteStore(database).all().stream().noneMatch(s -> s.name().equals(site))) {
            throw new Options.UsageException("no site named " + site + ": create it first (docs/sites.md)");
        }
        return site;
    }

    @Override
    public void close() {
        database.close();
    }
}
