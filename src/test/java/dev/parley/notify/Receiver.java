package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP receiver of webhooks on a free loopback port: records every request it gets, and
 * answers 500 on purpose while told to fail (the next {@code n} requests, or all of them).
 */
final class Receiver implements AutoCloseable {
    /** One request as it arrived: headers that matter, the raw body, and what was answered. */
    record Request(String eventId, String signature, String kind, byte[] body, int answered) {
        JsonObject json() {
            return new JsonObject(new String(body, StandardCharsets.UTF_8));
        }

        boolean ok() {
            return answered == 204;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean failAll;
    private volatile boolean stall;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            while (stall) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            boolean fail = failAll || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            int status = fail ? 500 : 204;
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestHeaders().getFirst("Parley-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Parley-Signature"),
                        exchange.getRequestHeaders().getFirst("Parley-Event"), body, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void failNext(int n) {
        failNext.set(n);
    }

    /** Holds every request without answering while on (a receiver that hangs). */
    void stall(boolean on) {
        stall = on;
    }

    void failAll(boolean on) {
        failAll = on;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> delivered() {
        return requests().stream().filter(Request::ok).toList();
    }

    /** Waits (15 s at most) until the requests satisfy {@code done}; returns them. */
    List<Request> await(Predicate<List<Request>> done, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.test(requests())) {
            assertThat(System.nanoTime()).as("waiting for " + what + "; got " + requests()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return requests();
    }

    /** Waits until {@code count} requests were answered 2xx. */
    List<Request> awaitDelivered(int count) {
        await(all -> all.stream().filter(Request::ok).count() >= count, count + " deliveries");
        return delivered();
    }

    @Override
    public void close() {
        stall = false;
        server.stop(0);
    }
}
