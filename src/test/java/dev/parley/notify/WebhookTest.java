package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real HTTP receiver that fails on purpose: signed, in order per thread,
 * retried with the same event id, and resumed from the database after a restart.
 */
class WebhookTest {
    static final String SECRET = "webhook-secret-for-tests";

    @AutoClose
    final Receiver receiver = new Receiver();

    static Map<String, String> settings(String urls) {
        return Map.of("PARLEY_WEBHOOK_URLS", urls, "PARLEY_WEBHOOK_SECRET", SECRET,
                "PARLEY_NOTIFY_RETRY_MIN", "50ms", "PARLEY_NOTIFY_RETRY_MAX", "200ms",
                "PARLEY_ADMIN_TOKEN", "moderator-token-for-tests");
    }

    /** The recipe docs/notifications.md gives receivers, written out independently of the node's code. */
    static boolean verifies(Receiver.Request r) {
        String[] parts = r.signature().split(",");
        String t = parts[0].substring(2);
        String v1 = parts[1].substring(3);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(r.body())).equals(v1);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Long> seqs(List<Receiver.Request> requests, String thread) {
        return requests.stream().map(Receiver.Request::json).filter(j -> j.getString("thread").equals(thread))
                .map(j -> j.getLong("seq")).toList();
    }

    @Test
    void everyEventArrivesSignedWithItsIdInOrderPerThread() {
        try (TestApp app = TestApp.start(settings(receiver.url()))) {
            for (int i = 0; i < 5; i++) {
                Http.postComment(app, "/a", "Ada", "a" + i);
                Http.postComment(app, "/b", "Bob", "b" + i);
            }
            long id = Http.postComment(app, "/a", "Ada", "to edit").getLong("id");
            Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + id))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer moderator-token-for-tests")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"edited <script>x</script>\"}")));

            List<Receiver.Request> got = receiver.awaitDelivered(12);
            assertThat(got).hasSize(12).allSatisfy(r -> {
                assertThat(verifies(r)).as("signature of " + r.eventId()).isTrue();
                JsonObject json = r.json();
                assertThat(r.eventId()).isEqualTo(json.getString("id")).endsWith("-" + json.getLong("seq"));
                assertThat(r.kind()).isEqualTo(json.getString("type"));
                assertThat(json.getJsonObject("comment").getString("thread")).isEqualTo(json.getString("thread"));
            });
            assertThat(seqs(got, "/a")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(seqs(got, "/b")).containsExactly(1L, 2L, 3L, 4L, 5L);
            JsonObject edit = got.stream().map(Receiver.Request::json).filter(j -> j.getString("type").equals("updated"))
                    .findFirst().orElseThrow();
            assertThat(edit.getJsonObject("comment").getString("body")).isEqualTo("edited <script>x</script>");
            assertThat(edit.getJsonObject("comment").getString("html")).doesNotContain("<script>");
        }
    }

    @Test
    void aFailedEventIsRetriedWithTheSameIdAndTheEventsBehindItWait() {
        receiver.failNext(3);
        try (TestApp app = TestApp.start(settings(receiver.url()))) {
            for (int i = 0; i < 3; i++) {
                Http.postComment(app, "/t", "Ada", "c" + i);
            }
            receiver.awaitDelivered(3);
            List<Receiver.Request> all = receiver.requests();
            assertThat(all.subList(0, 3)).allSatisfy(r -> assertThat(r.ok()).isFalse())
                    .extracting(Receiver.Request::eventId).containsOnly(all.get(0).eventId());
            assertThat(all.get(3).eventId()).isEqualTo(all.get(0).eventId());
            assertThat(seqs(receiver.delivered(), "/t")).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aRestartResumesFromTheCursorAndLosesNothing() {
        receiver.failAll(true);
        TestApp first = TestApp.start(settings(receiver.url()));
        Http.postComment(first, "/t", "Ada", "one");
        Http.postComment(first, "/t", "Ada", "two");
        receiver.await(all -> !all.isEmpty(), "a first, failed attempt");
        try (TestApp second = first.restart()) {
            receiver.failAll(false);
            receiver.awaitDelivered(2);
            Http.postComment(second, "/t", "Ada", "three");
            List<Receiver.Request> delivered = receiver.awaitDelivered(3);
            assertThat(seqs(delivered, "/t")).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndTheEventIsRetried() {
        receiver.stall(true);
        Map<String, String> env = new java.util.HashMap<>(settings(receiver.url()));
        env.put("PARLEY_WEBHOOK_TIMEOUT", "300ms");
        try (TestApp app = TestApp.start(env)) {
            Http.postComment(app, "/t", "Ada", "hello");
            MailNotificationTest.awaitMetric(app, "parley_notify_events_total{consumer=\"webhook\",result=\"failed\"}", 2);
            receiver.stall(false);
            assertThat(receiver.awaitDelivered(1).get(0).json().getLong("seq")).isEqualTo(1);
        }
    }

    @Test
    void aWebhookGetsOnlyTheKindsItChose() {
        try (TestApp app = TestApp.start(settings(receiver.url() + "#updated"))) {
            long id = Http.postComment(app, "/t", "Ada", "hello").getLong("id");
            Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + id))
                    .header("Authorization", "Bearer moderator-token-for-tests").DELETE());
            Receiver.Request first = receiver.awaitDelivered(1).get(0);
            assertThat(first.kind()).isEqualTo("updated");
            assertThat(first.json().getLong("seq")).isEqualTo(2);
            assertThat(first.json().getJsonObject("comment").getBoolean("deleted")).isTrue();
        }
    }

    @Test
    void importedCommentsAreHistoryNotNewsOnlyLaterPostsAreSent() throws Exception {
        try (TestApp app = TestApp.start(settings(receiver.url()));
             java.io.InputStream disqus = WebhookTest.class.getResourceAsStream("/import/disqus.xml")) {
            java.net.http.HttpResponse<String> imported = Http.send(HttpRequest.newBuilder(
                    URI.create(app.baseUrl() + "/api/v1/admin/import?format=disqus&dryRun=false"))
                    .header("Authorization", "Bearer moderator-token-for-tests")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(disqus.readAllBytes())));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            int comments = Http.json(imported).getInteger("comments");
            assertThat(comments).isPositive();
            MailNotificationTest.awaitMetric(app, "parley_notify_events_total{consumer=\"webhook\",result=\"skipped\"}",
                    comments);

            Http.postComment(app, "/after-the-import", "Ada", "news");
            Receiver.Request only = receiver.awaitDelivered(1).get(0);
            assertThat(only.json().getString("thread")).isEqualTo("/after-the-import");
            assertThat(receiver.requests()).as("nothing for the imported comments").hasSize(1);
        }
    }
}
