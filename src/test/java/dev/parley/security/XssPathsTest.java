package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The XSS corpus through every path that stores text: REST post, WebSocket post, author edit. */
class XssPathsTest {
    private static TestApp app;
    private static WsClient reader;
    private static final AtomicInteger n = new AtomicInteger();

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", Hostile.ADMIN));
        reader = WsClient.connect(app);
    }

    @AfterAll
    static void stop() {
        reader.close();
        app.close();
    }

    static List<String> vectors() {
        return XssCorpus.VECTORS;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void restPostStoresTheTextAndServesOnlySafeHtml(String vector) {
        String thread = "xss/rest/" + n.incrementAndGet();
        JsonObject comment = Http.postComment(app, thread, "Mallory", vector);
        assertThat(comment.getString("body")).isEqualTo(vector.strip());
        XssCorpus.assertSafeHtml(comment.getString("html"));
        JsonObject listed = Http.json(Http.get(app.baseUrl() + "/api/v1/comments?thread=" + thread))
                .getJsonArray("comments").getJsonObject(0);
        XssCorpus.assertSafeHtml(listed.getString("html"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void webSocketPostBroadcastsOnlySafeHtml(String vector) {
        String thread = "xss/ws/" + n.incrementAndGet();
        reader.subscribe(thread, 0L).next("subscribed");
        try (WsClient poster = WsClient.connect(app)) {
            poster.post("x", thread, "<b>Mallory</b>", vector);
            JsonObject ack = poster.next("ack");
            XssCorpus.assertSafeHtml(ack.getJsonObject("comment").getString("html"));
            assertThat(ack.getJsonObject("comment").getString("author")).isEqualTo("<b>Mallory</b>");
        }
        JsonObject frame = reader.next("comment");
        XssCorpus.assertSafeHtml(frame.getJsonObject("comment").getString("html"));
        reader.send("{\"type\":\"unsubscribe\",\"thread\":\"" + thread + "\"}").next("unsubscribed");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void authorEditServesOnlySafeHtml(String vector) {
        String thread = "xss/edit/" + n.incrementAndGet();
        JsonObject mine = Http.postCommentAnswer(app, thread, "Mallory", "harmless at first");
        HttpResponse<String> edited = Hostile.request("PATCH", app.baseUrl() + "/api/v1/comments/" + mine.getLong("id"),
                new JsonObject().put("body", vector).encode(), "Authorization", Hostile.bearer(mine.getString("authorToken")));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        XssCorpus.assertSafeHtml(Http.json(edited).getString("html"));
        JsonObject event = Http.json(Http.get(app.baseUrl() + "/api/v1/events?thread=" + thread + "&after=1"))
                .getJsonArray("events").getJsonObject(0);
        assertThat(event.getString("type")).isEqualTo("updated");
        XssCorpus.assertSafeHtml(event.getJsonObject("comment").getString("html"));
    }
}
