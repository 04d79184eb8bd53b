package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.NodeProcess;
import dev.parley.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser is told: API answers are neither sniffed nor cached, the moderation page cannot
 * be framed, and the server's own origin comes from PARLEY_PUBLIC_URL when it is set, not from a
 * Host header any DNS name pointed at the server can carry (DNS rebinding).
 */
class HeadersTest {
    @TempDir
    Path dataDir;

    /** A preview POST with this Origin and Host (a raw request: Java's client will not set Host); the status. */
    private static int postWithOrigin(TestApp app, String origin, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            String body = "{\"body\":\"hi\"}";
            socket.getOutputStream().write(("POST /api/v1/preview HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void apiAnswersAreNeitherSniffedNorStored() {
        try (TestApp app = TestApp.start()) {
            for (String path : new String[] {"/api/v1/comments?thread=h", "/api/v1/nope"}) {
                HttpResponse<String> answer = Http.get(app.baseUrl() + path);
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            }
        }
    }

    @Test
    void theModerationPageCannotBeFramed() {
        try (TestApp app = TestApp.start()) {
            for (String path : new String[] {"/admin", "/admin/index.html"}) {
                HttpResponse<String> page = Http.get(app.baseUrl() + path);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                        assertThat(csp).contains("frame-ancestors 'none'"));
                assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            }
            assertThat(Http.get(app.baseUrl() + "/").headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'self'"));
        }
    }

    @Test
    void withAPublicUrlTheHostHeaderDoesNotMakeAnOriginTheServersOwn() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PARLEY_PUBLIC_URL", "https://comments.example.com",
                "PARLEY_ALLOWED_ORIGINS", "https://blog.example.com"))) {
            // A page on rebind.example, its name pointed at this server: Origin and Host agree.
            assertThat(postWithOrigin(app, "http://rebind.example:" + app.port(), "rebind.example:" + app.port()))
                    .isEqualTo(403);
            assertThat(postWithOrigin(app, "https://comments.example.com", "comments.example.com")).isEqualTo(200);
            assertThat(postWithOrigin(app, "https://blog.example.com", "comments.example.com")).isEqualTo(200);
        }
        try (TestApp app = TestApp.start(Map.of("PARLEY_ALLOWED_ORIGINS", "https://blog.example.com"))) {
            assertThat(postWithOrigin(app, "http://rebind.example:" + app.port(), "rebind.example:" + app.port()))
                    .as("without a public URL the Host header decides, as before").isEqualTo(200);
        }
    }

    @Test
    void theTrialAllowListOnAnAddressOthersReachIsWarnedAbout() throws Exception {
        try (NodeProcess open = NodeProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.resolve("a").toString(),
                "PARLEY_HTTP_HOST", "0.0.0.0", "PARLEY_HTTP_PORT", "0"))) {
            assertThat(open.awaitOutput(l -> l.contains("parley listening"), 30)).isTrue();
            assertThat(open.out()).anyMatch(l -> l.contains("WARN") && l.contains("PARLEY_ALLOWED_ORIGINS is the trial default"));
        }
        try (NodeProcess loopback = NodeProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.resolve("b").toString(),
                "PARLEY_HTTP_HOST", "127.0.0.1", "PARLEY_HTTP_PORT", "0"))) {
            assertThat(loopback.awaitOutput(l -> l.contains("parley listening"), 30)).isTrue();
            assertThat(loopback.out()).noneMatch(l -> l.contains("trial default"));
        }
    }
}
