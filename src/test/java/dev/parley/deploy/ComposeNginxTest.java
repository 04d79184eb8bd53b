package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.Services;
import dev.parley.SseClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx.conf (the compose setup's; docs/deploy.md has its own, tested in the cluster
 * package), run by a real nginx in front of two real nodes. The compose hostnames do not
 * resolve here, so a copy is tested with the upstreams (and the listen port and pid file) rewritten
 * to this machine; everything else is the file as shipped. It upgrades WebSockets, balances, fails
 * over, hides /metrics, passes the event stream unbuffered, and passes on the address it saw, not
 * one the client wrote.
 */
class ComposeNginxTest {
    @TempDir
    Path dir;

    @Test
    void configPassesNginxTest() throws Exception {
        Path conf = localCopy(18081, 18082, 18080);
        Process p = nginx("-t", "-p", dir.toString(), "-c", conf.toString(), "-e", "stderr")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("test is successful");
    }

    @Test
    void upgradesWebSocketsRoundRobinFailsOverAndHidesMetrics() throws Exception {
        try (TestApp a = TestApp.start(); TestApp b = TestApp.start()) {
            int port = freePort();
            Process nginx = start(localCopy(a.port(), b.port(), port), port);
            try {
                String base = "http://127.0.0.1:" + port;
                assertThat(Http.get(base + "/healthz").statusCode()).isEqualTo(200);
                assertThat(Http.get(base + "/metrics").statusCode()).as("/metrics is not public").isEqualTo(404);

                String ws = "ws://127.0.0.1:" + port + "/ws";
                try (WsClient first = WsClient.connect(ws, null, true); WsClient second = WsClient.connect(ws, null, true)) {
                    first.subscribe("t", null).next("subscribed");
                    second.subscribe("t", null).next("subscribed");
                    assertThat(a.app().metrics().connections.get()).as("round-robin: one socket per node").isEqualTo(1);
                    assertThat(b.app().metrics().connections.get()).isEqualTo(1);

                    a.stop();
                    awaitTrue(() -> first.isClosed() || second.isClosed(), "the socket on the stopped node to close");
                    WsClient onA = first.isClosed() ? first : second;
                    assertThat(onA.awaitClose()).as("the drain's close code passes through nginx").isEqualTo(1012);
                    assertThat((onA == first ? second : first).isClosed()).as("the other node's socket stays").isFalse();
                    try (WsClient third = WsClient.connect(ws, null, true); WsClient fourth = WsClient.connect(ws, null, true)) {
                        third.subscribe("t", null).next("subscribed");
                        fourth.subscribe("t", null).next("subscribed");
                        assertThat(b.app().metrics().connections.get()).as("new sockets go to the live node").isEqualTo(3);
                    }
                }
            } finally {
                stop(nginx);
            }
        }
    }

    @Test
    void passesTheEventStreamUnbufferedWithItsHeartbeatsUntilTheDrainEndsIt() throws Exception {
        try (TestApp node = TestApp.start(Map.of("PARLEY_PING_EVERY", "300ms", "PARLEY_PONG_TIMEOUT", "300ms"))) {
            Http.postComment(node, "via-nginx", "Ann", "before the reader came");
            int port = freePort();
            Process nginx = start(localCopy(node.port(), node.port(), port), port);
            try (SseClient reader = SseClient.get("http://127.0.0.1:" + port + "/api/v1/stream?thread=via-nginx",
                    "Last-Event-ID", "0")) {
                assertThat(reader.status()).isEqualTo(200);
                assertThat(reader.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
                assertThat(reader.next("comment").id()).as("resumed from Last-Event-ID").isEqualTo("1");
                reader.next("subscribed");
                // Each message arrives while the stream is still open: nothing waits in nginx's buffers.
                for (int i = 2; i <= 4; i++) {
                    Http.postComment(node, "via-nginx", "Bob", "live " + i);
                    assertThat(reader.next("comment").id()).isEqualTo(Integer.toString(i));
                }
                awaitTrue(() -> reader.comments().stream().filter("ping"::equals).count() >= 3, "heartbeat comments");
                assertThat(reader.ended()).isFalse();
                node.stop();
                reader.awaitEnd();
                assertThat(reader.comments()).as("the drain's goodbye passes through nginx")
                        .anyMatch(c -> c.startsWith("close 1012"));
            } finally {
                stop(nginx);
            }
        }
    }

    @Test
    void aClientsOwnForwardedForDoesNotPickTheAddressItIsLimitedUnder() throws Exception {
        // The node trusts nginx, which runs on loopback here, as does the client: two posts per address.
        try (TestApp node = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32",
                "PARLEY_POST_BURST", "2", "PARLEY_POST_EVERY", "1h"))) {
            int port = freePort();
            Process nginx = start(localCopy(node.port(), node.port(), port), port);
            try {
                List<HttpResponse<String>> answers = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    String post = new JsonObject().put("thread", "forged").put("author", "Eve").put("body", "post " + i).encode();
                    answers.add(Http.postJson("http://127.0.0.1:" + port + "/api/v1/comments", post,
                            "X-Forwarded-For", "198.51.100." + i));
                }
                assertThat(answers.get(0).statusCode()).isEqualTo(201);
                assertThat(answers.get(1).statusCode()).isEqualTo(201);
                Http.assertError(answers.get(2), 429, "rate_limited");
            } finally {
                stop(nginx);
            }
        }
    }

    /** nginx in the foreground with this configuration, once it listens on the port. */
    private Process start(Path conf, int port) throws Exception {
        Path log = dir.resolve("nginx.log");
        Process nginx = nginx("-p", dir.toString(), "-c", conf.toString(), "-e", "stderr", "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitTrue(() -> accepts(port), "nginx listening on " + port + ": " + read(log));
        return nginx;
    }

    private static void stop(Process nginx) throws InterruptedException {
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
    }

    /** deploy/nginx.conf with the compose names replaced by local ports; fails if a rewrite did not apply. */
    private Path localCopy(int node1, int node2, int listen) throws IOException {
        String conf = DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx.conf"));
        conf = replace(conf, "server parley-1:8080", "server 127.0.0.1:" + node1);
        conf = replace(conf, "server parley-2:8080", "server 127.0.0.1:" + node2);
        conf = replace(conf, "listen 80;", "listen 127.0.0.1:" + listen + ";");
        conf = replace(conf, "pid /tmp/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";");
        // Temp files in the test's directory, so nginx also starts as a non-root user.
        conf = replace(conf, "http {", "http {\n    client_body_temp_path " + dir.resolve("body")
                + ";\n    proxy_temp_path " + dir.resolve("proxy") + ";");
        // Workers run as an unprivileged user (nobody) when nginx starts as root: let them in.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = dir.resolve("nginx.conf");
        Files.writeString(copy, conf);
        return copy;
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).as("nginx.conf still has '%s'", from).contains(from);
        return text.replace(from, to);
    }

    private static ProcessBuilder nginx(String... args) {
        Path nginx = DeployFiles.tool("nginx").orElse(null);
        if (nginx == null) {
            Services.missing("nginx (apt-get install nginx)");
        }
        String[] command = new String[args.length + 1];
        command[0] = nginx.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String read(Path file) {
        return Files.exists(file) ? DeployFiles.read(file) : "";
    }
}
