package dev.parley;

import dev.parley.cluster.Cluster;
import dev.parley.store.Database;
import dev.parley.web.Health;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * {@code /readyz}: not ready while draining (from the drain's first moment) or while the database
 * cannot be reached; degraded, but still serving, when the cluster says so (Redis away).
 */
final class Readiness implements Health {
    private final BooleanSupplier draining;
    private final Database database;
    private final Cluster cluster;
    private final WorkerExecutor worker;

    Readiness(BooleanSupplier draining, Database database, Cluster cluster, WorkerExecutor worker) {
        this.draining = draining;
        this.database = database;
        this.cluster = cluster;
        this.worker = worker;
    }

    @Override
    public Future<Health.Readiness> readiness() {
        if (draining.getAsBoolean()) {
            return Future.succeededFuture(Health.Readiness.notReady("draining"));
        }
        return worker.executeBlocking(() -> {
            try (Connection c = database.dataSource().getConnection()) {
                if (!c.isValid(2)) {
                    return Health.Readiness.notReady("storage unreachable");
                }
            } catch (SQLException e) {
                return Health.Readiness.notReady("storage unreachable");
            }
            return cluster.degraded().map(Health.Readiness::degraded).orElse(Health.Readiness.ok());
        }, false);
    }
}
