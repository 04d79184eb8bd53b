package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import dev.parley.comment.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, migrations and transactions.
 *
 * <p>SQLite allows one writer at a time; rather than let writers spin on SQLITE_BUSY, writes go
 * through one {@link SqliteWriter}, which commits concurrent writes together (readers run freely
 * beside it in WAL mode). PostgreSQL needs no such thing: the thread row's lock orders writers of
 * one thread, and each write is its own transaction.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource pool;
    /** SQLite only: statements compiled once per connection (PostgreSQL's driver caches its own). */
    private final StatementCache readStatements;
    private final Dialect dialect;
    private final SqliteWriter sqliteWriter;

    public record Settings(Path dataDir, String url, int poolSize) {
    }

    public Database(Settings settings, MeterRegistry registry) {
        String jdbcUrl = jdbcUrl(settings);
        this.dialect = Dialect.of(jdbcUrl);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-db");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        hikari.setInitializationFailTimeout(-1);
        if (dialect == Dialect.SQLITE) {
            int connections = Math.max(2, settings.poolSize());
            hikari.setMaximumPoolSize(connections);
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            // Local file connections do not go stale; keeping them keeps their cached statements.
            hikari.setMaxLifetime(0);
            hikari.setMinimumIdle(connections);
            // Reads through a memory map instead of a read() per page; a checkpoint every 4,000
            // WAL pages (~16 MiB) instead of 1,000 writes each hot page once for more commits.
            hikari.setConnectionInitSql("PRAGMA mmap_size = 268435456");
            hikari.addDataSourceProperty("wal_autocheckpoint", "4000");
        } else {
            hikari.setMaximumPoolSize(settings.poolSize());
            hikari.addDataSourceProperty("socketTimeout", "30");
            hikari.addDataSourceProperty("connectTimeout", "5");
            hikari.addDataSourceProperty("options", "-c statement_timeout=10000");
        }
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        this.pool = new HikariDataSource(hikari);
        this.sqliteWriter = dialect == Dialect.SQLITE ? new SqliteWriter(pool) : null;
        this.readStatements = dialect == Dialect.SQLITE ? new StatementCache() : null;
        Flyway.configure()
                .dataSource(pool)
                .locations(dialect.migrations())
                .javaMigrations(new NameKeyMigration())
                .load()
                .migrate();
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} transactionally: its changes are committed if it returns and undone if it
     * throws, and it returns only after they are committed. (On SQLite it may share one commit with
     * other writes; see {@link SqliteWriter}.)
     */
    public <T> T write(Work<T> work) {
        return sqliteWriter != null ? sqliteWriter.write(work) : inTransaction(work);
    }

    /** Runs {@code work} on a read-only connection; statements in it see one snapshot per statement. */
    public <T> T read(Work<T> work) {
        Connection c = connection();
        try (c) {
            return work.run(readStatements == null ? c : readStatements.view(c));
        } catch (SQLException e) {
            throw failure(e, lost(c));
        }
    }

    /**
     * SQLite only: a consistent copy of the whole database written to {@code target} (a file that
     * must not exist yet), taken online with {@code VACUUM INTO} on one of the pool's connections.
     * It reads one snapshot, so writers go on meanwhile and the copy holds every transaction that
     * committed before it started, and none after.
     */
    public void copyTo(Path target) {
        if (dialect != Dialect.SQLITE) {
            throw new UnsupportedOperationException("an online copy is for SQLite; back up PostgreSQL with pg_dump");
        }
        String file = target.toAbsolutePath().toString().replace("'", "''");
        read(conn -> {
            try (java.sql.Statement statement = conn.createStatement()) {
                statement.execute("VACUUM INTO '" + file + "'");
            }
            return null;
        });
    }

    /** The pool restores auto-commit when the connection goes back, so a broken one cannot mask the error. */
    private <T> T inTransaction(Work<T> work) {
        Connection c = connection();
        try (c) {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw failure(e, lost(c));
        } catch (RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    /** A pooled connection; none within the pool's timeout is an outage (503). */
    private Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Whether the connection itself is gone: then the failure is an outage, not a bad statement. */
    private static boolean lost(Connection c) {
        try {
            return !c.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    static StorageException failure(SQLException e) {
        return failure(e, false);
    }

    static StorageException failure(SQLException e, boolean connectionLost) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean unavailable = connectionLost || e instanceof SQLTransientException
                || state.startsWith("08") || state.startsWith("57") || state.equals("53300");
        return new StorageException("database: " + e.getMessage(), e, unavailable);
    }

    @Override
    public void close() {
        if (sqliteWriter != null) {
            sqliteWriter.close();
        }
        pool.close();
    }

    /** Turns the configured URL into a JDBC URL; empty means a SQLite file in the data directory. */
    static String jdbcUrl(Settings settings) {
        String url = settings.url();
        if (url == null || url.isBlank()) {
            return "jdbc:sqlite:" + privateSqliteFile(settings.dataDir()).toAbsolutePath();
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI uri = URI.create(url);
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
            if (uri.getPort() > 0) {
                jdbc.append(':').append(uri.getPort());
            }
            jdbc.append(uri.getRawPath());
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                String[] parts = userInfo.split(":", 2);
                query = (query.isEmpty() ? "" : query + "&") + "user=" + parts[0]
                        + (parts.length > 1 ? "&password=" + parts[1] : "");
            }
            return query.isEmpty() ? jdbc.toString() : jdbc + "?" + query;
        }
        return url;
    }

    /**
     * The default SQLite file, created owner-only before SQLite opens it: SQLite gives the -wal
     * and -shm files it creates beside it the database file's mode, so they are owner-only too.
     * Files left readable by an older version are narrowed.
     */
    private static Path privateSqliteFile(Path dataDir) {
        Path file = dataDir.resolve("parley.db");
        try {
            PrivateFiles.directory(dataDir);
            boolean narrowed = PrivateFiles.file(file);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                narrowed |= PrivateFiles.restrict(dataDir.resolve("parley.db" + suffix));
            }
            if (narrowed) {
                log.warn("the database files in {} were readable by other users: they are owner-only now", dataDir);
            }
            return file;
        } catch (java.io.IOException e) {
            throw new StorageException("cannot create the database file " + file, e, false);
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
