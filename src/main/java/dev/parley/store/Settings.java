package dev.parley.store;

import dev.parley.comment.ModerationSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The moderation settings rows: one JSON value per site, under the name {@code moderation} for the
 * default site and {@code moderation:<site>} for others. Every post reads its site's, so each is
 * cached for a second: a save takes effect at once on this node, within a second on the others.
 * One entry per site at most (sites are bounded: site/Sites).
 */
final class Settings {
    private static final String NAME = "moderation";
    private static final long FRESH_NANOS = 1_000_000_000L;
    private final Database db;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cached = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(ModerationSettings settings, long readAtNanos) {
    }

    Settings(Database db) {
        this.db = db;
    }

    ModerationSettings current(String site) {
        Cached c = cached.get(site);
        long now = System.nanoTime();
        if (c == null || now - c.readAtNanos > FRESH_NANOS) {
            c = new Cached(load(site), now);
            cached.put(site, c);
        }
        return c.settings;
    }

    ModerationSettings load(String site) {
        return db.read(conn -> Sql.one(conn, "SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1),
                        name(site))).map(Settings::parse).orElse(ModerationSettings.DEFAULT);
    }

    private static String name(String site) {
        return site.equals(dev.parley.protocol.ThreadKey.DEFAULT_SITE) ? NAME : NAME + ":" + site;
    }

    void save(java.sql.Connection conn, String site, ModerationSettings s) throws java.sql.SQLException {
        String value = new JsonObject().put("premoderation", s.premoderation())
                .put("blockedWords", new JsonArray(s.blockedWords()))
                .put("blockedDomains", new JsonArray(s.blockedDomains())).encode();
        if (Sql.update(conn, "UPDATE settings SET value = ? WHERE name = ?", value, name(site)) == 0) {
            Sql.update(conn, "INSERT INTO settings (name, value) VALUES (?, ?)", name(site), value);
        }
        cached.remove(site);
    }

    private static ModerationSettings parse(String value) {
        JsonObject json = new JsonObject(value);
        return new ModerationSettings(json.getBoolean("premoderation", false),
                strings(json.getJsonArray("blockedWords")), strings(json.getJsonArray("blockedDomains")));
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
}
