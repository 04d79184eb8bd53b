package dev.parley.posting;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Where a post's blocking work (Markdown, the write) runs: the shared worker pool, reached from a
 * REST request (web.CommentsApi) or from a WebSocket's shard loop (realtime.ClientFrames, which
 * lets one connection have at most 64 posts waiting). Posts of one connection are not ordered
 * among themselves; a lane of one connection's own that keeps them in the order sent is where that
 * would go (see docs/protocol.md).
 */
@FunctionalInterface
public interface Lane {
    <T> Future<T> run(Callable<T> work);
}
