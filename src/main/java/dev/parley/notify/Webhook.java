package dev.parley.notify;

import dev.parley.protocol.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * One receiver of thread events: {@code https://hooks.example.com/parley} for every kind, or
 * {@code …#comment} / {@code …#comment,updated} for the kinds named after {@code #} (the fragment
 * never leaves this node). {@code id} names its cursors in the database: the URL's hash, so the
 * same URL keeps its place across restarts and a new URL starts from the events after it appeared.
 */
public record Webhook(String id, URI url, Set<EventType> kinds) {

    public static Webhook parse(String raw) {
        int hash = raw.indexOf('#');
        String address = hash < 0 ? raw : raw.substring(0, hash);
        URI url;
        try {
            url = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("expected http(s)://host/path, optionally #comment,updated");
        }
        Set<EventType> kinds = EnumSet.noneOf(EventType.class);
        if (hash < 0 || hash == raw.length() - 1) {
            kinds.addAll(EnumSet.allOf(EventType.class));
        } else {
            for (String kind : raw.substring(hash + 1).split("[,+]")) {
                kinds.add(kind(kind.trim()));
            }
        }
        return new Webhook(id(address), url, Set.copyOf(kinds));
    }

    private static EventType kind(String wire) {
        for (EventType type : EventType.values()) {
            if (type.wire().equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event kind after #: use comment and/or updated");
    }

    private static String id(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor name of this webhook in the database. */
    public String consumer() {
        return "webhook:" + id;
    }

    /** Scheme, host and path only: query strings often hold tokens, so logs show none. */
    @Override
    public String toString() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getPath();
    }
}
