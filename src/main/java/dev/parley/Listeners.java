package dev.parley;

import static dev.parley.config.Setting.HTTP_HOST;
import static dev.parley.config.Setting.HTTP_PORT;

import dev.parley.config.Config;
import dev.parley.realtime.Shard;
import dev.parley.web.ConnectionGuard;
import dev.parley.web.Routes;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The node's HTTP servers, one per event loop on the shared port, and their drain. A port that is
 * taken or a host that does not resolve fails start-up naming the setting.
 */
final class Listeners {
    private final Vertx vertx;
    private final Config.Http http;
    private final int maxFrameBytes;
    private final List<EventLoopServer> servers = new ArrayList<>();
    private int port;

    Listeners(Vertx vertx, Config.Http http, int maxFrameBytes) {
        this.vertx = vertx;
        this.http = http;
        this.maxFrameBytes = maxFrameBytes;
    }

    void listen(Routes routes, Function<Context, Shard> shards, ConnectionGuard guard) {
        port = http.port() == 0 ? freePort() : http.port();
        HttpServerOptions options = options(port);
        try {
            vertx.deployVerticle(() -> {
                EventLoopServer server = new EventLoopServer(options, routes, shards, guard);
                synchronized (servers) {
                    servers.add(server);
                }
                return server;
            }, new DeploymentOptions().setInstances(http.eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw explain(e);
        }
        checkPipeline(guard);
    }

    /**
     * One request to ourselves, so the guard sees a real connection's pipeline before any client
     * does: a Vert.x upgrade that changed it stops the start here, not every WebSocket later.
     */
    private void checkPipeline(ConnectionGuard guard) {
        String host = http.host().equals("0.0.0.0") || http.host().equals("::") ? "127.0.0.1" : http.host();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: self-check\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            return; // not reachable from here (a firewall, an address of another interface): nothing to check
        }
        String problem = guard.pipelineProblem();
        if (problem != null) {
            throw new StartupException("Vert.x's HTTP pipeline is not what Parley's WebSocket takeover expects ("
                    + problem + "): this Parley build does not work with this Vert.x version (see web/VertxPipeline)");
        }
    }

    int port() {
        return port;
    }

    /** Closes every socket with 1012 and waits for them to close; false if the timeout ran out first. */
    boolean drain(long timeoutMillis) {
        List<Future<Void>> drains = new ArrayList<>();
        synchronized (servers) {
            for (EventLoopServer server : servers) {
                drains.add(server.shard().drain());
            }
        }
        try {
            Future.all(drains).toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private StartupException explain(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new StartupException(HTTP_PORT, "cannot listen on " + http.host() + ":" + port + " ("
                        + t.getMessage() + "): is another process using the port?", e);
            }
            if (t instanceof UnknownHostException || String.valueOf(t.getMessage()).contains("resolve")) {
                return new StartupException(HTTP_HOST, "cannot resolve \"" + http.host() + "\" to an address", e);
            }
            if (String.valueOf(t.getMessage()).contains("Cannot assign requested address")) {
                return new StartupException(HTTP_HOST, http.host() + " is not an address of this machine", e);
            }
        }
        return new StartupException(HTTP_PORT, "cannot listen on " + http.host() + ":" + port + ": "
                + StartupException.describe(e), e);
    }

    private HttpServerOptions options(int port) {
        // Compression off: permessage-deflate has no cap on the inflated size and costs CPU per
        // subscriber. Frames over the limit are closed with 1009 by the Connection.
        return new HttpServerOptions()
                .setHost(http.host())
                .setPort(port)
                .setMaxWebSocketFrameSize(maxFrameBytes)
                .setMaxWebSocketMessageSize(maxFrameBytes)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setCompressionSupported(false)
                // No HTTP/2 cleartext upgrade: a proxy forwarding "Upgrade: h2c" would hang clients.
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true)
                .setSendBufferSize(http.sendBufferBytes())
                .setReuseAddress(true)
                .setIdleTimeout((int) http.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
