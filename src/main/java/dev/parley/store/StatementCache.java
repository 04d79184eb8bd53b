package dev.parley.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per SQLite connection. SQLite compiles a statement on every
 * {@code prepareStatement} (sqlite-jdbc and HikariCP cache nothing), which for the post checks'
 * compound query costs more than running it; the store's statements are few and fixed, so each
 * connection compiles each once.
 *
 * <p>A connection is used by one thread at a time (the writer's, or a pooled reader's while it is
 * checked out), so the statements of one connection need no lock.
 */
final class StatementCache {
    static final int MAX_STATEMENTS = 64;

    /** Caching views of the pool's physical connections; SQLite's never expire (see Database). */
    private final Map<Connection, Connection> views = new ConcurrentHashMap<>();

    /** A caching view of the physical connection behind a pooled one, for as long as it is checked out. */
    Connection view(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(org.sqlite.SQLiteConnection.class);
        return views.computeIfAbsent(physical, StatementCache::caching);
    }

    /** A view of the connection whose prepared statements live as long as it does (close = reset). */
    static Connection caching(Connection real) {
        Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                String sql = (String) args[0];
                PreparedStatement ps = statements.get(sql);
                if (ps == null) {
                    ps = real.prepareStatement(sql);
                    if (statements.size() >= MAX_STATEMENTS) {
                        return ps;
                    }
                    statements.put(sql, ps);
                }
                return reusable(ps);
            }
            if (method.getName().equals("close")) {
                return null;
            }
            return invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static PreparedStatement reusable(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        ps.clearParameters();
                        return null;
                    }
                    return invoke(ps, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
