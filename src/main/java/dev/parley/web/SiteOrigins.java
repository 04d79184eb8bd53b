package dev.parley.web;

import dev.parley.site.Site;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each site's origin check: the browser origins that may post to it and open sockets for it, and
 * the server's own origin (PARLEY_PUBLIC_URL, or the Host header without it). Built once per site
 * and kept; at most one per site (a site whose list changed leaves its old entry, dropped when
 * the map reaches twice the sites' bound).
 */
public final class SiteOrigins {
    private final String publicUrl;
    private final ConcurrentHashMap<Site, OriginCheck> checks = new ConcurrentHashMap<>();

    public SiteOrigins(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public OriginCheck of(Site site) {
        OriginCheck check = checks.get(site);
        if (check == null) {
            if (checks.size() > 2 * dev.parley.site.Sites.MAX_SITES) {
                checks.clear();
            }
            check = checks.computeIfAbsent(site, s -> new OriginCheck(s.allowedOrigins(), publicUrl));
        }
        return check;
    }

    /** Whether {@code origin} may change state on {@code site} or open a socket for it. */
    public boolean allows(Site site, String origin, String hostHeader) {
        return of(site).allows(origin, hostHeader);
    }
}
