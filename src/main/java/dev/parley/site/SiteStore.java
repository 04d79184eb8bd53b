package dev.parley.site;

import java.time.Instant;
import java.util.List;

/** What {@link Sites} needs from storage. */
public interface SiteStore {
    /** Every site but the default one, which lives in the configuration. */
    List<Site> all();

    /** Creates or replaces a site. */
    void save(Site site, Instant now);
}
