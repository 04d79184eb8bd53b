package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node process with PARLEY_LOG_FORMAT=json writes one parseable JSON object per line. */
class LogFormatTest {
    @TempDir
    Path dataDir;

    @Test
    void jsonLogLinesParseAndAccessLinesCarryNoAddresses() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.parley.Main")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PARLEY_LOG_FORMAT", "json");
        builder.environment().put("PARLEY_HTTP_PORT", Integer.toString(port));
        builder.environment().put("PARLEY_HTTP_HOST", "127.0.0.1");
        builder.environment().put("PARLEY_DATA_DIR", dataDir.toString());
        Process node = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.stream().noneMatch(l -> l.contains("parley listening")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String base = "http://127.0.0.1:" + port;
            assertThat(Http.get(base + "/healthz").statusCode()).isEqualTo(200);
            Http.postJson(base + "/api/v1/comments", "{\"thread\":\"log\",\"author\":\"Ann\",\"body\":\"secret body text\"}");
            try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + port + "/ws", null, true)) {
                ws.subscribe("log", 0L).next();
            }
            while (lines.stream().noneMatch(l -> l.contains("\"websocket\"")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            node.destroy();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node stops on SIGTERM").isTrue();
            reader.join(5000);
        }

        assertThat(lines).isNotEmpty();
        // Logs go to stdout; the JVM's own warnings go to stderr, which is discarded here.
        List<String> logLines = lines;
        for (String line : logLines) {
            JsonObject json;
            try {
                json = new JsonObject(line);
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(json.getString("level")).isNotBlank();
            assertThat(json.getString("loggerName")).isNotBlank();
            assertThat(json.getString("formattedMessage")).isNotNull();
            assertThat(json.getString("timestamp")).as("ISO-8601").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        }
        List<JsonObject> access = logLines.stream().map(JsonObject::new)
                .filter(j -> j.getString("loggerName").equals("parley.access")).toList();
        assertThat(access).anySatisfy(j -> assertThat(j.encode()).contains("/healthz").contains("\"status\"")
                .contains("\"requestId\""));
        assertThat(logLines.stream().map(JsonObject::new).filter(j -> j.getString("formattedMessage").contains("listening")))
                .singleElement().satisfies(j -> assertThat(j.getString("node")).startsWith("node-"));
        assertThat(access).anySatisfy(j -> assertThat(j.encode()).contains("websocket").contains("closeCode"));
        assertThat(access.toString()).doesNotContain("127.0.0.1").doesNotContain("secret body text");
        assertThat(Files.exists(dataDir.resolve("parley.db"))).isTrue();
    }
}
