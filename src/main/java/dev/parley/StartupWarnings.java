package dev.parley;

import dev.parley.config.Config;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settings that work but are probably a mistake: said once, at start. */
final class StartupWarnings {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private StartupWarnings() {
    }

    static void check(Config config) {
        // The trial allow-list (any localhost port) on an address others can reach: any page a
        // reader opens on localhost may post in their name.
        boolean loopback = List.of("127.0.0.1", "::1", "localhost").contains(config.http().host());
        if (!loopback && config.http().allowedOrigins().equals(Config.defaults().http().allowedOrigins())) {
            log.warn("PARLEY_ALLOWED_ORIGINS is the trial default (http://localhost:*, http://127.0.0.1:*) on {}, which is"
                    + " not a loopback address: set it to your sites' origins", config.http().host());
        }
        // Several bare secrets share one space of ids: fine for one site, a trap for several.
        long bare = config.trust().sso().bareSecrets();
        if (bare > 1) {
            log.warn("PARLEY_SSO_SECRET has {} secrets without a site name: their users share one space of ids."
                    + " If they belong to different sites, name each (site=secret).", bare);
        }
        if (!config.trust().limits().on()) {
            log.warn("*** PARLEY_RATE_LIMITS=off: every rate limit is disabled. Never run a public site like this. ***");
        }
        if (config.cluster() instanceof Config.Cluster.Redis && config.trust().secret().isEmpty()) {
            log.warn("PARLEY_SECRET is not set: this node generated its own, so author tokens, bans by address and"
                    + " shared rate limits will not work across nodes. Give every node the same PARLEY_SECRET.");
        }
    }
}
