package dev.parley.store;

import dev.parley.protocol.ThreadKey;
import static dev.parley.store.Sql.COMMENT_COLUMNS;

import dev.parley.feed.FeedStore;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@link FeedStore} over JDBC: the newest visible comments, and thread_pages (V8). */
public final class JdbcFeedStore implements FeedStore {
    private static final String COLUMNS = COMMENT_COLUMNS + ", p.url AS page_url";
    private static final String FROM = " FROM comments c JOIN threads t ON t.id = c.thread_id"
            + " LEFT JOIN thread_pages p ON p.thread_id = t.id";

    private final Database db;
    private final CommentRows rows;

    public JdbcFeedStore(Database db, UnaryOperator<String> authorKey) {
        this.rows = new CommentRows(authorKey);
        this.db = db;
    }

    /** Walks the thread's (thread_id, seq) index backwards: cost is the entries read, not the thread's size. */
    @Override
    public Entries thread(String thread, int limit) {
        return db.read(conn -> {
            long seq = Sql.one(conn, "SELECT seq FROM threads WHERE thread_key = ?", rs -> rs.getLong(1), thread)
                    .orElse(0L);
            List<Entry> entries = Sql.list(conn, "SELECT " + COLUMNS + FROM + " WHERE t.thread_key = ?"
                    + " AND c.deleted = ? AND c.pending = ? AND c.seq <= ? ORDER BY c.seq DESC LIMIT ?",
                    rs -> new Entry(rows.visible(rs), rs.getString("page_url")), thread, false, false, seq, limit);
            return new Entries(seq, entries);
        });
    }

    /**
     * Walks the comments' primary key backwards, keeping the site's: a named site's thread keys start
     * with its name and the separator, the default site's hold no separator (protocol/ThreadKey).
     */
    @Override
    public Entries site(String site, int limit) {
        boolean named = !site.equals(ThreadKey.DEFAULT_SITE);
        String ofSite = named ? " AND t.thread_key LIKE ?" : " AND t.thread_key NOT LIKE ?";
        String pattern = named ? site + ThreadKey.SEPARATOR + "%" : "%" + ThreadKey.SEPARATOR + "%";
        return db.read(conn -> new Entries(0, Sql.list(conn, "SELECT " + COLUMNS + FROM
                + " WHERE c.deleted = ? AND c.pending = ?" + ofSite + " ORDER BY c.id DESC LIMIT ?",
                rs -> new Entry(rows.visible(rs), rs.getString("page_url")), false, false, pattern, limit)));
    }

    @Override
    public void page(String thread, String url, Instant now) {
        db.write(conn -> Sql.update(conn, "INSERT INTO thread_pages (thread_id, url, updated_at)"
                + " SELECT id, ?, ? FROM threads WHERE thread_key = ?"
                + " ON CONFLICT (thread_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at"
                + " WHERE thread_pages.url <> excluded.url", url, now.toEpochMilli(), thread));
    }
}
