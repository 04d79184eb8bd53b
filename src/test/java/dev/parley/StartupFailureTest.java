package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that cannot start exits non-zero within seconds, with one line that names the setting
 * to look at, instead of printing a stack trace and hanging with its event loops alive.
 */
class StartupFailureTest {
    @TempDir
    Path dataDir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_HTTP_HOST", "127.0.0.1", "PARLEY_HTTP_PORT", "0"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static List<String> failureLines(NodeProcess node) {
        return node.out().stream().filter(l -> l.contains("cannot start")).toList();
    }

    @Test
    void aTakenPortExitsNamingThePortSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             NodeProcess node = NodeProcess.start(env("PARLEY_HTTP_PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(node.awaitExit(30)).as("exit code").isEqualTo(1);
            assertThat(failureLines(node)).singleElement().asString().contains("PARLEY_HTTP_PORT")
                    .contains(Integer.toString(taken.getLocalPort()));
            assertThat(node.out()).noneMatch(l -> l.startsWith("\tat "));
            assertThat(node.err()).noneMatch(l -> l.contains("Exception"));
        }
    }

    @Test
    void aHostThatDoesNotResolveExitsNamingTheHostSetting() throws Exception {
        try (NodeProcess node = NodeProcess.start(env("PARLEY_HTTP_HOST", "no-such-host.invalid"))) {
            assertThat(node.awaitExit(30)).as("exit code").isEqualTo(1);
            assertThat(failureLines(node)).singleElement().asString().contains("PARLEY_HTTP_HOST");
            assertThat(node.out()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void anUnreachableDatabaseExitsNamingTheDatabaseUrlWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (NodeProcess node = NodeProcess.start(env("PARLEY_DATABASE_URL",
                "postgresql://app:hunter2-secret@127.0.0.1:" + closedPort + "/parley"))) {
            assertThat(node.awaitExit(60)).as("exit code").isEqualTo(1);
            assertThat(failureLines(node)).singleElement().asString().contains("PARLEY_DATABASE_URL");
            assertThat(String.join("\n", node.out()) + String.join("\n", node.err())).doesNotContain("hunter2");
            assertThat(node.out()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void aBadSettingExitsWithCode2AndOneLine() throws Exception {
        try (NodeProcess node = NodeProcess.start(env("PARLEY_HTTP_PORT", "eighty"))) {
            assertThat(node.awaitExit(30)).isEqualTo(2);
            assertThat(node.err()).singleElement().asString()
                    .startsWith("parley: configuration error: PARLEY_HTTP_PORT: not a whole number");
        }
    }

    @Test
    void aStartFailureIsAJsonLineWhenJsonLogsAreAsked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             NodeProcess node = NodeProcess.start(env("PARLEY_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                     "PARLEY_LOG_FORMAT", "json"))) {
            assertThat(node.awaitExit(30)).isEqualTo(1);
            assertThat(failureLines(node)).singleElement().satisfies(line -> {
                io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(line);
                assertThat(json.getString("level")).isEqualTo("ERROR");
                assertThat(json.getString("formattedMessage")).contains("PARLEY_HTTP_PORT");
                assertThat(json.getString("throwable")).isNull();
            });
        }
    }

    @Test
    void aFatalErrorIsOneJsonLineWhenJsonLogsAreAsked() throws Exception {
        try (NodeProcess node = NodeProcess.start(env("PARLEY_HTTP_PORT", "eighty", "PARLEY_LOG_FORMAT", "json"))) {
            assertThat(node.awaitExit(30)).isEqualTo(2);
            assertThat(node.err()).singleElement().satisfies(line ->
                    assertThat(new io.vertx.core.json.JsonObject(line).getString("message")).contains("PARLEY_HTTP_PORT"));
        }
    }
}
