package dev.parley.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tool's sockets: a few selector loops (one by default) carry every connection, so the tool's
 * cost per frame is a read and a scan, never a thread. Connections may be spread over the
 * loopback source addresses 127.0.0.1, 127.0.0.2, ... so that more than one address' ephemeral
 * port range is available. Only loopback targets are accepted.
 */
final class Net implements AutoCloseable {
    private final Loop[] loops;
    private final InetSocketAddress server;
    private final byte[] handshake;
    private final int sources;
    private final AtomicInteger connects = new AtomicInteger();

    Net(String host, int port, int ioThreads, int sources) {
        Target.requireLoopback(host);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: unknown host " + host);
        }
        if (sources < 1 || sources > 250) {
            throw new IllegalArgumentException("--sources must be between 1 and 250");
        }
        this.server = new InetSocketAddress(address, port);
        this.sources = sources;
        this.handshake = Frame.bytes("GET /ws HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: cGFybGV5LWJlbmNoLWtleQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        this.loops = new Loop[ioThreads];
        for (int i = 0; i < ioThreads; i++) {
            loops[i] = new Loop("bench-io-" + i);
        }
    }

    /** Opens one connection; the peer hears about the upgrade, its frames and its end. */
    void connect(Peer peer) {
        int n = connects.getAndIncrement();
        Loop loop = loops[n % loops.length];
        Conn conn = new Conn(loop, peer, handshake);
        peer.conn = conn;
        InetSocketAddress local = sources == 1 ? null : new InetSocketAddress("127.0.0." + (1 + n % sources), 0);
        loop.execute(() -> conn.connect(server, local));
    }

    /**
     * Connects every peer, keeping at most {@code inFlight} between connect and ready, and
     * completes when each one is ready or failed.
     */
    CompletableFuture<Launch> launch(List<? extends Peer> peers, int inFlight) {
        Launch launch = new Launch(peers.size());
        AtomicInteger cursor = new AtomicInteger();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            int i = cursor.getAndIncrement();
            if (i >= peers.size()) {
                return;
            }
            Peer peer = peers.get(i);
            peer.start(System.nanoTime(), (p, error) -> {
                launch.settle(p, error);
                next[0].run();
            });
            connect(peer);
        };
        launch.begin();
        if (peers.isEmpty()) {
            launch.endNanos = launch.startNanos;
            launch.done.complete(launch);
        }
        for (int k = 0; k < Math.min(inFlight, peers.size()); k++) {
            next[0].run();
        }
        return launch.done;
    }

    /** Closes politely (close frame, the server closes TCP), then forcibly what is left after {@code wait}. */
    static void closeAll(Collection<? extends Peer> peers, Duration wait) throws InterruptedException {
        for (Peer p : peers) {
            p.sendClose();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && peers.stream().anyMatch(p -> p.conn != null && !p.conn.closed)) {
            Thread.sleep(10);
        }
        for (Peer p : peers) {
            if (p.conn != null) {
                p.conn.abort();
            }
        }
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.shutdown();
        }
    }

    /** How a batch of connections went. */
    static final class Launch {
        final Histogram latency = new Histogram();
        final AtomicInteger ready = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final CompletableFuture<Launch> done = new CompletableFuture<>();
        private final int size;
        private final AtomicInteger settled = new AtomicInteger();
        volatile String firstError;
        volatile long startNanos;
        volatile long endNanos;

        Launch(int size) {
            this.size = size;
        }

        void begin() {
            startNanos = System.nanoTime();
        }

        void settle(Peer peer, String error) {
            if (error == null) {
                ready.incrementAndGet();
                latency.recordNanos(peer.readyNanos - peer.startNanos);
            } else {
                failed.incrementAndGet();
                if (firstError == null) {
                    firstError = error;
                }
            }
            if (settled.incrementAndGet() == size) {
                endNanos = System.nanoTime();
                done.complete(this);
            }
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }
}
