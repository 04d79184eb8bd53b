package dev.parley.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a browser {@code Origin} may change state or open a WebSocket. Allowed: the
 * server's own origin (same host and port as the request's {@code Host}), and every origin in the
 * allow-list, where a port of {@code *} matches any port. A request without {@code Origin} is not
 * from a browser page and is allowed: cross-site attacks need a victim's browser.
 */
public final class OriginCheck {
    private record Pattern(String scheme, String host, String port) {
    }

    private final List<Pattern> allowed;
    /** The server's own origin when configured (PARLEY_PUBLIC_URL); null: judged from the Host header. */
    private final Pattern self;

    public OriginCheck(List<String> allowedOrigins) {
        this(allowedOrigins, "");
    }

    /**
     * {@code publicUrl} non-empty: the server's own origin is that, and the {@code Host} header is
     * not consulted. A Host header is whatever the client's DNS resolved: a page on an attacker's
     * name pointed at this server (DNS rebinding) would otherwise count as same-origin.
     */
    public OriginCheck(List<String> allowedOrigins, String publicUrl) {
        this.allowed = allowedOrigins.stream().map(OriginCheck::pattern).toList();
        this.self = publicUrl.isEmpty() ? null : pattern(origin(publicUrl));
    }

    public boolean allows(String origin, String hostHeader) {
        if (origin == null) {
            return true;
        }
        Pattern o;
        try {
            o = pattern(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (self != null ? self.equals(o)
                : hostHeader != null && sameHost(o, hostHeader.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Pattern p : allowed) {
            if (p.scheme.equals(o.scheme) && p.host.equals(o.host) && (p.port.equals("*") || p.port.equals(o.port))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHost(Pattern o, String hostHeader) {
        String defaultPort = o.scheme.equals("https") ? "443" : "80";
        String host = hostHeader;
        String port = defaultPort;
        int colon = hostHeader.lastIndexOf(':');
        if (colon > 0 && hostHeader.indexOf(']') < colon) {
            host = hostHeader.substring(0, colon);
            port = hostHeader.substring(colon + 1);
        }
        return o.host.equals(host) && o.port.equals(port);
    }

    /** The origin part of a URL: scheme, host and port. */
    static String origin(String url) {
        URI uri = URI.create(url.trim());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static Pattern pattern(String origin) {
        String s = origin.trim().toLowerCase(Locale.ROOT);
        boolean anyPort = s.endsWith(":*");
        if (anyPort) {
            s = s.substring(0, s.length() - 2);
        }
        URI uri = URI.create(s);
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
                || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("not an origin: " + origin);
        }
        String port = anyPort ? "*" : uri.getPort() > 0 ? Integer.toString(uri.getPort())
                : scheme.equals("https") ? "443" : "80";
        return new Pattern(scheme, uri.getHost(), port);
    }
}
