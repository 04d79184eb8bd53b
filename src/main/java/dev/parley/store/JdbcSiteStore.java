package dev.parley.store;

import dev.parley.site.Site;
import dev.parley.site.SiteStore;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.List;

/** {@link SiteStore} over JDBC; a site's origins are one JSON array. */
public final class JdbcSiteStore implements SiteStore {
    private final Database db;

    public JdbcSiteStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Site> all() {
        return db.read(conn -> Sql.list(conn, "SELECT name, allowed_origins, moderator_token_hash FROM sites ORDER BY name",
                rs -> new Site(rs.getString(1), new JsonArray(rs.getString(2)).stream().map(String::valueOf).toList(),
                        rs.getString(3))));
    }

    @Override
    public void save(Site site, Instant now) {
        String origins = new JsonArray(site.allowedOrigins()).encode();
        db.write(conn -> {
            if (Sql.update(conn, "UPDATE sites SET allowed_origins = ?, moderator_token_hash = ? WHERE name = ?",
                    origins, site.moderatorTokenHash(), site.name()) == 0) {
                Sql.update(conn, "INSERT INTO sites (name, allowed_origins, moderator_token_hash, created_at)"
                        + " VALUES (?, ?, ?, ?)", site.name(), origins, site.moderatorTokenHash(), now.toEpochMilli());
            }
            return null;
        });
    }
}
