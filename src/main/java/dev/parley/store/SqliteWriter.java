package dev.parley.store;

import dev.parley.comment.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * SQLite's one writer, with group commit. SQLite lets one transaction write at a time, so instead
 * of queuing writers on the database, writers queue here: whoever holds the lock runs every write
 * waiting at that moment (up to {@link #MAX_BATCH}) in one transaction, each inside its own
 * savepoint, and commits once. A write that fails rolls back to its savepoint alone; the others
 * commit. Each caller still gets its own result or its own failure, after the commit.
 *
 * <p>The writer keeps one connection with its prepared statements cached, so the few statements of
 * the write path are compiled once, not on every write.
 */
final class SqliteWriter implements AutoCloseable {
    private static final int MAX_BATCH = 64;

    private static final class Pending<T> {
        final Database.Work<T> work;
        T value;
        RuntimeException failure;
        boolean done;

        Pending(Database.Work<T> work) {
            this.work = work;
        }
    }

    private final DataSource pool;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Guarded by {@link #lock}. */
    private Connection connection;
    private Connection cached;

    SqliteWriter(DataSource pool) {
        this.pool = pool;
    }

    <T> T write(Database.Work<T> work) {
        Pending<T> mine = new Pending<>(work);
        queue.add(mine);
        lock.lock();
        try {
            while (!mine.done) {
                runBatch();
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.value;
    }

    private void runBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        try {
            Connection c = connection();
            for (Pending<?> p : batch) {
                run(c, p);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            StorageException failure = e instanceof SQLException sql ? Database.failure(sql, true)
                    : new StorageException("database: " + e.getMessage(), e, false);
            discardConnection();
            for (Pending<?> p : batch) {
                if (p.failure == null) {
                    p.failure = failure;
                }
            }
        }
        for (Pending<?> p : batch) {
            p.done = true;
        }
    }

    private static <T> void run(Connection c, Pending<T> p) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            p.value = p.work.run(c);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            c.rollback(savepoint);
            p.failure = Database.failure(e);
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            p.failure = e;
        }
    }

    private Connection connection() throws SQLException {
        if (cached == null) {
            connection = pool.getConnection();
            connection.setAutoCommit(false);
            cached = StatementCache.caching(connection);
        }
        return cached;
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped for a new one anyway
            }
        }
        connection = null;
        cached = null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            discardConnection();
        } finally {
            lock.unlock();
        }
    }
}
