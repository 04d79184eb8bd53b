package dev.parley;

import dev.parley.realtime.Shard;
import dev.parley.web.ConnectionGuard;
import dev.parley.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/**
 * One event loop's share of the node: an HTTP server on the shared port, its router, and the
 * realtime {@link Shard} that owns the sockets accepted on this loop.
 */
final class EventLoopServer extends VerticleBase {
    private final HttpServerOptions options;
    private final Routes routes;
    private final Function<io.vertx.core.Context, Shard> shards;
    private final ConnectionGuard guard;
    private Shard shard;
    private HttpServer server;

    EventLoopServer(HttpServerOptions options, Routes routes, Function<io.vertx.core.Context, Shard> shards,
                    ConnectionGuard guard) {
        this.options = options;
        this.guard = guard;
        this.routes = routes;
        this.shards = shards;
    }

    @Override
    public Future<?> start() {
        shard = shards.apply(context);
        shard.start();
        Router router = routes.mount(Router.router(vertx), shard);
        server = vertx.createHttpServer(options).connectionHandler(guard::accept).requestHandler(router);
        return server.listen();
    }

    Shard shard() {
        return shard;
    }

    @Override
    public Future<?> stop() {
        shard.stop();
        return server.close();
    }

}
