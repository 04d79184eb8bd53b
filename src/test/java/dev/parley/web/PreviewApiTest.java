package dev.parley.web;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/v1/preview: a draft rendered and sanitized exactly as a post would be, and stored nowhere. */
class PreviewApiTest {
    private static final String ADMIN = "moderator-token-0123456789";

    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
    }

    @Test
    void rendersLikeAPostAndStoresNothing() {
        String body = "  Nice *post* <img src=x onerror=alert(1)> [x](javascript:alert(1)) `code`  ";
        HttpResponse<String> answer = preview(new JsonObject().put("body", body).encode());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Http.json(answer).fieldNames()).containsExactly("html");
        String posted = Http.postComment(app, "preview/compare", "Ann", body).getString("html");
        assertThat(Http.json(answer).getString("html")).as("the same as the stored comment's").isEqualTo(posted)
                .isEqualTo("<p>Nice <em>post</em> &lt;img src=x onerror=alert(1)&gt; x <code>code</code></p>");

        JsonObject all = Http.json(Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                + "/api/v1/admin/comments?status=all")).header("Authorization", "Bearer " + ADMIN).GET()));
        assertThat(all.getJsonArray("comments")).as("only the one posted").hasSize(1);
    }

    @Test
    void badDraftsGetTheErrorShape() {
        assertError(preview("{}"), 400, "invalid_body");
        assertError(preview("{\"body\":\"   \"}"), 400, "invalid_body");
        assertError(preview("{\"body\":7}"), 400, "invalid_body");
        assertError(preview(new JsonObject().put("body", "x".repeat(8001)).encode()), 400, "invalid_body");
        assertError(preview("{\"body\":"), 400, "invalid_json");
        assertError(Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/preview"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}"))),
                415, "unsupported_media_type");
        assertError(Http.postJson(app.baseUrl() + "/api/v1/preview", "{\"body\":\"x\"}", "Origin", "https://evil.example"),
                403, "forbidden_origin");
        HttpResponse<String> get = Http.get(app.baseUrl() + "/api/v1/preview");
        assertError(get, 405, "method_not_allowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aLoopOfPreviewsIsSlowedDown() {
        try (TestApp limited = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on"))) {
            String draft = new JsonObject().put("body", "draft").encode();
            for (int i = 0; i < 30; i++) {
                assertThat(Http.postJson(limited.baseUrl() + "/api/v1/preview", draft).statusCode()).isEqualTo(200);
            }
            // 30 at once, then one every 2 s: a loop soon runs dry, however long the first 30 took.
            HttpResponse<String> refused = null;
            for (int i = 0; i < 100 && (refused == null || refused.statusCode() == 200); i++) {
                refused = Http.postJson(limited.baseUrl() + "/api/v1/preview", draft);
            }
            assertError(refused, 429, "rate_limited");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(Http.postJson(limited.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "t")
                    .put("author", "Ann").put("body", "posting is counted apart").encode()).statusCode()).isEqualTo(201);
        }
    }

    private static HttpResponse<String> preview(String json) {
        return Http.postJson(app.baseUrl() + "/api/v1/preview", json);
    }
}
