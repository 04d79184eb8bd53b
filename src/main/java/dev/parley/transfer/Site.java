package dev.parley.transfer;

import dev.parley.protocol.ThreadKey;
import dev.parley.site.Sites;

/**
 * The {@code --site} option and {@code site=} parameter of imports and exports: a site's name as
 * docs/sites.md defines it (1 to 32 of a-z, 0-9 and '-'), or the default site when absent. Whether
 * the site exists is the caller's check (the node's sites, or the database's for a command).
 */
public final class Site {
    public static final String DEFAULT = ThreadKey.DEFAULT_SITE;

    private Site() {
    }

    /** The site a given name means; null or empty means the default site. */
    public static String of(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT;
        }
        if (!name.matches(Sites.NAME)) {
            throw new IllegalArgumentException("site must be 1 to 32 of a-z, 0-9 and '-'");
        }
        return name;
    }
}
