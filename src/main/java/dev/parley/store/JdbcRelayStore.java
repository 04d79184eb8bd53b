package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;

import dev.parley.notify.RelayEvent;
import dev.parley.notify.RelayStore;
import dev.parley.protocol.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/** {@link RelayStore} over JDBC: tables event_consumers and event_cursors (V8), on SQLite and PostgreSQL. */
public final class JdbcRelayStore implements RelayStore {
    /** Threads with recent events looked at per tick, at most; more make the tick incomplete. */
    static final int WINDOW_THREADS = 1000;

    private final Database db;
    private final CommentRows rows;

    public JdbcRelayStore(Database db, UnaryOperator<String> authorKey) {
        this.rows = new CommentRows(authorKey);
        this.db = db;
    }

    @Override
    public void register(String consumer, Instant now) {
        db.write(conn -> Sql.update(conn, "INSERT INTO event_consumers (consumer, since_at, scanned_to) VALUES (?, ?, ?)"
                + " ON CONFLICT (consumer) DO NOTHING", consumer, now.toEpochMilli(), now.toEpochMilli()));
    }

    /**
     * Three short reads, each by an index, rather than one join: the threads with events in the
     * window (thread_events.created_at), those of them past their cursor (by primary keys), and
     * the cursors marked behind and due. One statement joining them led PostgreSQL to read every
     * thread (it cannot estimate the window), 40 ms per tick on 50,000 threads.
     */
    @Override
    public Candidates candidates(String consumer, Instant now, Duration slack, int limit) {
        long at = now.toEpochMilli();
        return db.read(conn -> {
            long from = Sql.one(conn, "SELECT scanned_to FROM event_consumers WHERE consumer = ?", rs -> rs.getLong(1),
                    consumer).orElse(at) - slack.toMillis();
            List<Long> recent = Sql.list(conn, "SELECT DISTINCT thread_id FROM thread_events WHERE created_at >= ?"
                    + " LIMIT ?", rs -> rs.getLong(1), from, WINDOW_THREADS);
            Set<Long> found = new LinkedHashSet<>();
            for (int i = 0; i < recent.size() && found.size() < limit; i += 500) {
                List<Long> chunk = recent.subList(i, Math.min(recent.size(), i + 500));
                List<Object> args = new ArrayList<>(List.of(consumer));
                args.addAll(chunk);
                args.add(at);
                found.addAll(Sql.list(conn, "SELECT t.id FROM threads t"
                        + " LEFT JOIN event_cursors c ON c.consumer = ? AND c.thread_id = t.id WHERE t.id IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"
                        + " AND t.seq > COALESCE(c.seq, 0) AND COALESCE(c.claimed_until, 0) < ?",
                        rs -> rs.getLong(1), args.toArray()));
            }
            found.addAll(Sql.list(conn, "SELECT thread_id FROM event_cursors WHERE consumer = ? AND behind = ?"
                    + " AND due_at <= ? AND claimed_until < ? LIMIT ?", rs -> rs.getLong(1), consumer, true, at, at, limit));
            List<Long> threads = found.stream().limit(limit).toList();
            return new Candidates(threads, recent.size() < WINDOW_THREADS && found.size() < limit);
        });
    }

    @Override
    public void scanned(String consumer, Instant to) {
        db.write(conn -> Sql.update(conn, "UPDATE event_consumers SET scanned_to = ? WHERE consumer = ? AND scanned_to < ?",
                to.toEpochMilli(), consumer, to.toEpochMilli()));
    }

    @Override
    public OptionalInt claim(String consumer, long threadId, String claimant, Instant now, Instant until) {
        long at = now.toEpochMilli();
        return db.write(conn -> {
            // A new cursor starts just before the first event recorded since the consumer started.
            Sql.update(conn, "INSERT INTO event_cursors (consumer, thread_id, seq, behind) VALUES (?, ?,"
                    + " COALESCE((SELECT MAX(e.seq) FROM thread_events e WHERE e.thread_id = ? AND e.created_at <"
                    + " (SELECT since_at FROM event_consumers WHERE consumer = ?)), 0), ?)"
                    + " ON CONFLICT (consumer, thread_id) DO UPDATE SET behind = ?",
                    consumer, threadId, threadId, consumer, true, true);
            int claimed = Sql.update(conn, "UPDATE event_cursors SET claimed_by = ?, claimed_until = ?"
                    + " WHERE consumer = ? AND thread_id = ? AND claimed_until < ? AND due_at <= ?",
                    claimant, until.toEpochMilli(), consumer, threadId, at, at);
            if (claimed == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Sql.one(conn, "SELECT attempts FROM event_cursors WHERE consumer = ? AND thread_id = ?",
                    rs -> rs.getInt(1), consumer, threadId).orElse(0));
        });
    }

    @Override
    public List<RelayEvent> next(String consumer, long threadId, int limit) {
        String sql = "SELECT " + COMMENT_COLUMNS + ", e.seq AS event_seq, e.kind AS event_kind,"
                + " e.created_at AS event_at,"
                + " EXISTS (SELECT 1 FROM import_sources i WHERE i.comment_id = c.id) AS imported FROM event_cursors k"
                + " JOIN thread_events e ON e.thread_id = k.thread_id AND e.seq > k.seq"
                + " JOIN comments c ON c.id = e.comment_id JOIN threads t ON t.id = e.thread_id"
                + " WHERE k.consumer = ? AND k.thread_id = ? ORDER BY e.seq LIMIT ?";
        return db.read(conn -> Sql.list(conn, sql, rs -> new RelayEvent(threadId, rs.getString("thread_key"),
                rs.getLong("event_seq"), EventType.fromWire(rs.getString("event_kind")),
                Instant.ofEpochMilli(rs.getLong("event_at")), rows.stored(rs), rs.getBoolean("imported")), consumer,
                threadId, limit));
    }

    @Override
    public boolean advance(String consumer, long threadId, long seq, String claimant, Instant until) {
        return db.write(conn -> Sql.update(conn, "UPDATE event_cursors SET seq = ?, attempts = 0, claimed_until = ?"
                + " WHERE consumer = ? AND thread_id = ? AND claimed_by = ? AND seq < ?",
                seq, until.toEpochMilli(), consumer, threadId, claimant, seq)) == 1;
    }

    @Override
    public void release(String consumer, long threadId, String claimant) {
        db.write(conn -> Sql.update(conn, "UPDATE event_cursors SET behind = ?, attempts = 0, claimed_by = NULL,"
                + " claimed_until = 0 WHERE consumer = ? AND thread_id = ? AND claimed_by = ?",
                false, consumer, threadId, claimant));
    }

    @Override
    public void retryAt(String consumer, long threadId, String claimant, int attempts, Instant due) {
        db.write(conn -> Sql.update(conn, "UPDATE event_cursors SET attempts = ?, due_at = ?, claimed_by = NULL,"
                + " claimed_until = 0 WHERE consumer = ? AND thread_id = ? AND claimed_by = ?",
                attempts, due.toEpochMilli(), consumer, threadId, claimant));
    }

    @Override
    public void abandon(String consumer, String claimant) {
        db.write(conn -> Sql.update(conn, "UPDATE event_cursors SET claimed_by = NULL, claimed_until = 0"
                + " WHERE consumer = ? AND claimed_by = ?", consumer, claimant));
    }
}
