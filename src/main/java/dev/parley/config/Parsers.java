package dev.parley.config;

import dev.parley.abuse.ClientAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The value types of the settings that need more than a number or a word. Messages say what is
 * wrong without repeating the value: URLs may carry passwords.
 */
final class Parsers {
    private Parsers() {
    }

    static ValueType origins() {
        ValueType list = ValueType.list(part -> {
            if (!part.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(:(\\d{1,5}|\\*))?")) {
                throw new IllegalArgumentException("not an origin like https://example.com or http://localhost:*: " + part);
            }
            return part.toLowerCase();
        }, "origins like https://blog.example.com or http://localhost:*");
        return ValueType.custom(raw -> {
            Object origins = list.parse(raw);
            if (((java.util.List<?>) origins).isEmpty()) {
                throw new IllegalArgumentException("empty origin list");
            }
            return origins;
        }, list.range());
    }

    static ValueType publicUrl() {
        return ValueType.custom(raw -> {
            String url = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            URI uri = uri(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("expected a URL like https://comments.example.com (a path is fine)");
            }
            return url;
        }, "https://host[:port][/path]");
    }

    static ValueType redisUrl() {
        return ValueType.custom(raw -> {
            if (!raw.startsWith("redis://") && !raw.startsWith("rediss://")) {
                throw new IllegalArgumentException("expected redis://host:port");
            }
            uri(raw);
            return raw;
        }, "redis://host:port");
    }

    static ValueType databaseUrl() {
        return ValueType.custom(raw -> {
            if (raw.startsWith("jdbc:sqlite:") || raw.startsWith("jdbc:postgresql:")) {
                return raw;
            }
            if (raw.startsWith("postgresql://") || raw.startsWith("postgres://")) {
                URI uri = uri(raw);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("no host in the URL");
                }
                return raw;
            }
            throw new IllegalArgumentException("expected jdbc:sqlite:..., jdbc:postgresql:... or"
                    + " postgresql://user@host:port/db");
        }, "a JDBC or postgresql:// URL");
    }

    static ValueType cidrs() {
        return ValueType.list(cidr -> {
            ClientAddress.check(java.util.List.of(cidr));
            return cidr;
        }, "CIDRs like 10.0.0.0/8");
    }

    /** Checked here for its form (the messages name entries by position, never a secret); kept as text. */
    static ValueType ssoSecrets() {
        return ValueType.custom(raw -> {
            dev.parley.identity.SsoSites.parse(raw, "");
            return raw;
        }, "site=secret or secret entries, secrets of 32+ characters");
    }

    static ValueType smtpUrl() {
        return ValueType.custom(raw -> {
            dev.parley.notify.SmtpUrl.parse(raw);
            return raw;
        }, "smtp://user:password@host:port[?starttls=required|optional|off] or smtps://user:password@host:port");
    }

    static ValueType emails() {
        return ValueType.list(dev.parley.notify.EmailAddress::check, "addresses like moderator@example.com");
    }

    static ValueType webhooks() {
        return ValueType.list(raw -> {
            dev.parley.notify.Webhook.parse(raw);
            return raw;
        }, "URLs like https://hooks.example.com/parley#comment,updated");
    }

    /** Parses a URL; the message names the problem, never the URL (it may hold a password). */
    private static URI uri(String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: character " + (e.getIndex() + 1) + " " + e.getReason()
                    + " (percent-encode special characters in the user name and password)");
        }
    }
}
