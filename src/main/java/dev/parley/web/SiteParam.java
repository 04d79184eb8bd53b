package dev.parley.web;

import dev.parley.protocol.ThreadKey;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import io.vertx.ext.web.RoutingContext;

/**
 * The site a request is for: {@code site=S} on REST and on {@code /ws}; absent means the default
 * site, so clients from before sites are unchanged. An unknown name is a 404 before anything else
 * looks at the request (its origin is judged against that site's list).
 */
public final class SiteParam {
    private static final String KEY = "parley.site";
    private final Sites sites;

    public SiteParam(Sites sites) {
        this.sites = sites;
    }

    void handle(RoutingContext ctx) {
        ctx.put(KEY, sites.require(ctx.queryParams().get("site")));
        ctx.next();
    }

    /** The site {@link #handle} chose; the default site on routes it does not run on. */
    static Site of(RoutingContext ctx) {
        Site site = ctx.get(KEY);
        return site;
    }

    /** The internal key of a thread the request names (ThreadKey). */
    static String thread(RoutingContext ctx, String thread) {
        Site site = of(ctx);
        return ThreadKey.of(site == null ? ThreadKey.DEFAULT_SITE : site.name(), thread);
    }
}
