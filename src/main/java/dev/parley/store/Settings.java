package dev.parley.store;

import dev.parley.comment.ModerationSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The moderation settings row: one JSON value under the name {@code moderation}. Every post reads
 * it, so it is cached for a second: a save takes effect at once on this node, within a second on
 * the others.
 */
final class Settings {
    private static final String NAME = "moderation";
    private static final long FRESH_NANOS = 1_000_000_000L;
    private final Database db;
    private volatile Cached cached;

    private record Cached(ModerationSettings settings, long readAtNanos) {
    }

    Settings(Database db) {
        this.db = db;
    }

    ModerationSettings current() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.readAtNanos > FRESH_NANOS) {
            c = new Cached(load(), now);
            cached = c;
        }
        return c.settings;
    }

    ModerationSettings load() {
        return db.read(conn -> Sql.one(conn, "SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), NAME))
                .map(Settings::parse).orElse(ModerationSettings.DEFAULT);
    }

    void save(java.sql.Connection conn, ModerationSettings s) throws java.sql.SQLException {
        String value = new JsonObject().put("premoderation", s.premoderation())
                .put("blockedWords", new JsonArray(s.blockedWords()))
                .put("blockedDomains", new JsonArray(s.blockedDomains())).encode();
        if (Sql.update(conn, "UPDATE settings SET value = ? WHERE name = ?", value, NAME) == 0) {
            Sql.update(conn, "INSERT INTO settings (name, value) VALUES (?, ?)", NAME, value);
        }
        cached = null;
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
