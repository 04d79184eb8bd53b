package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.RedisProcess;
import dev.parley.Services;
import dev.parley.SseClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx configuration from docs/deploy.md, for real, in front of two nodes. */
class NginxTest {
    @TempDir
    Path dir;

    static String configFromDocs() throws IOException {
        String doc = Files.readString(Path.of("docs/deploy.md"));
        Matcher block = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("an nginx block in docs/deploy.md").isTrue();
        return block.group(1);
    }

    @Test
    void aWebSocketAndAnEventStreamThroughNginxReceiveCommentsPostedOnEitherNode() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            Services.missing("nginx (/usr/sbin/nginx)");
        }
        String database = Services.createPostgresDatabase();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process proxy = null;
        try (RedisProcess redis = RedisProcess.start();
             TestApp a = TestApp.start(Map.of("PARLEY_DATABASE_URL", database, "PARLEY_REDIS_URL", redis.url()));
             TestApp b = TestApp.start(Map.of("PARLEY_DATABASE_URL", database, "PARLEY_REDIS_URL", redis.url()))) {
            String site = configFromDocs().replace("PARLEY_NODE_1", "127.0.0.1:" + a.port())
                    .replace("PARLEY_NODE_2", "127.0.0.1:" + b.port()).replace("PARLEY_LISTEN", "127.0.0.1:" + port);
            boolean root = "root".equals(System.getProperty("user.name"));
            Files.writeString(dir.resolve("nginx.conf"), (root ? "user root;\n" : "") + "daemon off;\nworker_processes 1;\n"
                    + "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + " warn;\n"
                    + "events { worker_connections 256; }\nhttp {\n access_log off;\n"
                    + " client_body_temp_path " + dir + "/body;\n proxy_temp_path " + dir + "/proxy;\n"
                    + " fastcgi_temp_path " + dir + "/fcgi;\n uwsgi_temp_path " + dir + "/uwsgi;\n"
                    + " scgi_temp_path " + dir + "/scgi;\n" + site + "\n}\n");
            proxy = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            awaitPort(port, proxy);

            try (WsClient client = WsClient.connect("ws://127.0.0.1:" + port + "/ws", null, true)) {
                client.subscribe("via-nginx", 0L).next("subscribed");
                Http.postComment(a, "via-nginx", "Ann", "posted on node a");
                Http.postComment(b, "via-nginx", "Bob", "posted on node b");
                Http.postComment(a, "via-nginx", "Cy", "on node a again");
                for (long seq = 1; seq <= 3; seq++) {
                    assertThat(client.next("comment").getLong("seq")).isEqualTo(seq);
                }
            }
            try (SseClient stream = SseClient.get("http://127.0.0.1:" + port + "/api/v1/stream?thread=via-nginx&since=1")) {
                // Whichever node the stream landed on, it replays what either node wrote, then goes live.
                assertThat(stream.next("comment").id()).isEqualTo("2");
                assertThat(stream.next("comment").id()).isEqualTo("3");
                stream.next("subscribed");
                Http.postComment(b, "via-nginx", "Di", "on node b, to a stream");
                Http.postComment(a, "via-nginx", "Ed", "on node a, to a stream");
                assertThat(stream.next("comment").id()).isEqualTo("4");
                assertThat(stream.next("comment").id()).isEqualTo("5");
            }
            String viaProxy = Http.get("http://127.0.0.1:" + port + "/api/v1/threads?thread=via-nginx").body();
            assertThat(viaProxy).contains("\"count\":5");
        } finally {
            if (proxy != null) {
                proxy.destroy();
                proxy.waitFor(10, TimeUnit.SECONDS);
            }
            Services.dropPostgresDatabase(database);
        }
    }

    private void awaitPort(int port, Process proxy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!proxy.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }
}
