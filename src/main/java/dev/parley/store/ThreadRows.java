package dev.parley.store;

import dev.parley.comment.CommentStore.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading threads: a page of rows with the thread's seq from one snapshot, and one column of many threads. */
final class ThreadRows {
    private ThreadRows() {
    }

    /**
     * Rows of a query that selects {@code thread_seq} beside each row (a LEFT JOIN from threads),
     * so a thread without rows still tells its seq; rows without an {@code id} are that padding.
     */
    static <T> Page<T> page(Connection conn, String sql, Sql.RowMapper<T> mapper, Object... args)
            throws SQLException {
        long[] seq = {0};
        List<T> items = Sql.list(conn, sql, rs -> {
            seq[0] = rs.getLong("thread_seq");
            rs.getLong("id");
            return rs.wasNull() ? null : mapper.map(rs);
        }, args);
        items.removeIf(java.util.Objects::isNull);
        return new Page<>(seq[0], items);
    }

    /** One column of the threads table for each of these threads, 500 keys per query. */
    static Map<String, Long> perThread(Database db, String column, Collection<String> threads) {
        Map<String, Long> values = new HashMap<>();
        List<String> all = List.copyOf(threads);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "SELECT thread_key, " + column + " FROM threads WHERE thread_key IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            db.read(conn -> Sql.list(conn, sql, rs -> values.put(rs.getString(1), rs.getLong(2)), chunk.toArray()));
        }
        return values;
    }
}
