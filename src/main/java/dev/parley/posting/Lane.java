package dev.parley.posting;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Where a post's blocking work (Markdown, the write) runs: the worker pool, or a queue of one
 * connection's own that keeps its posts in the order sent.
 */
@FunctionalInterface
public interface Lane {
    <T> Future<T> run(Callable<T> work);
}
