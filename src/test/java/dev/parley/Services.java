package dev.parley;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * External services some tests need. In CI ({@code CI=true}) a missing service fails the test; on a
 * developer machine the test is skipped with a message saying what is missing.
 */
public final class Services {
    public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private Services() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) the current test with this reason. */
    public static void missing(String what) {
        String message = what + " is not available: " + (inCi() ? "CI requires it" : "skipping (set CI=true to fail instead)");
        if (inCi()) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** Creates a fresh, empty PostgreSQL database and returns its JDBC URL. */
    public static String createPostgresDatabase() {
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            missing("PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + ")");
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    public static void dropPostgresDatabase(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort cleanup of a uniquely named test database
        }
    }
}
