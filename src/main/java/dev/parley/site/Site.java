package dev.parley.site;

import java.util.List;

/**
 * One site served by this server: its name (the {@code site} parameter), the browser origins that
 * may post and open sockets for it, and the hash of its moderators' token (null: only the
 * server-wide admin token moderates it). Its moderation settings (pre-moderation, blocked words
 * and domains) are stored beside the default site's; its SSO secrets are the
 * {@code PARLEY_SSO_SECRET} entries named after it.
 */
public record Site(String name, List<String> allowedOrigins, String moderatorTokenHash) {
    public Site {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
