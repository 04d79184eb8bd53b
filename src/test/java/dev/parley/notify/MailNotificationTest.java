package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Reply notifications by mail through a real SMTP server (GreenMail): double opt-in, the reply
 * with its permalink, one-click unsubscribe, retries, restarts, and the bounds on what a reader
 * can make the node send.
 */
class MailNotificationTest {
    static final String PUBLIC = "https://comments.example.com";
    static final String PAGE = "https://blog.example.com/posts/hello?ref=feed";

    @AutoClose
    final Mailbox mailbox = Mailbox.start();

    static Map<String, String> settings(Mailbox mailbox, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PARLEY_SMTP_URL", mailbox.url(),
                "PARLEY_SMTP_FROM", "comments@example.com",
                "PARLEY_PUBLIC_URL", PUBLIC,
                "PARLEY_ALLOWED_ORIGINS", "https://blog.example.com,http://127.0.0.1:*",
                "PARLEY_NOTIFY_RETRY_MIN", "100ms",
                "PARLEY_NOTIFY_RETRY_MAX", "500ms"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** Posts as a browser would, with the page's URL; email and parent when given. Returns the 201 answer. */
    static JsonObject post(TestApp app, String thread, String author, String body, Long parent, String email) {
        JsonObject post = new JsonObject().put("thread", thread).put("author", author).put("body", body)
                .put("url", PAGE + "#top");
        if (parent != null) {
            post.put("parent", parent);
        }
        if (email != null) {
            post.put("email", email);
        }
        HttpResponse<String> answer = Http.postJson(app.baseUrl() + "/api/v1/comments", post.encode());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Http.json(answer);
    }

    static HttpResponse<String> get(String url) {
        return Http.get(url);
    }

    static HttpResponse<String> oneClick(String url) {
        return Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }

    static double metric(TestApp app, String series) {
        return Http.get(app.baseUrl() + "/metrics").body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static void awaitMetric(TestApp app, String series, double atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (metric(app, series) < atLeast) {
            assertThat(System.nanoTime()).as(series + " never reached " + atLeast).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aReplyMailsTheConfirmedParentAuthorWithTheReplyAndItsPermalink() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            long ada = post(app, "/posts/hello", "Ada", "First!", null, "Ada@Example.com").getLong("id");
            MimeMessage confirmation = mailbox.await(1).get(0);
            assertThat(Mailbox.to(confirmation)).isEqualTo("ada@example.com");
            assertThat(Mailbox.text(confirmation)).contains("https://blog.example.com/posts/hello?ref=feed");
            assertThat(Mailbox.header(confirmation, "List-Unsubscribe")).startsWith("<" + PUBLIC + Letters.UNSUBSCRIBE_PATH);

            // Before the address is confirmed, a reply mails no one.
            post(app, "/posts/hello", "Bob", "Too early to be mailed", ada, null);
            assertThat(get(Mailbox.link(confirmation, Letters.CONFIRM_PATH, app.baseUrl())).statusCode()).isEqualTo(200);
            long carol = post(app, "/posts/hello", "Carol", "Welcome, Ada <b>really</b>", ada, null).getLong("id");

            assertThat(mailbox.await(2)).hasSize(2);
            MimeMessage reply = mailbox.to("ada@example.com").get(1);
            assertThat(Mailbox.header(reply, "Subject")).contains("Carol");
            assertThat(Mailbox.text(reply)).contains("Welcome, Ada <b>really</b>")
                    .contains("https://blog.example.com/posts/hello?ref=feed#parley-" + carol)
                    .doesNotContain("Too early");
            assertThat(Mailbox.header(reply, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        }
    }

    @Test
    void oneClickUnsubscribeStopsTheMails() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            long ada = post(app, "/t", "Ada", "Mail me", null, "ada@example.com").getLong("id");
            long eve = post(app, "/t", "Eve", "Mail me too", null, "eve@example.com").getLong("id");
            for (MimeMessage confirmation : mailbox.await(2)) {
                assertThat(get(Mailbox.link(confirmation, Letters.CONFIRM_PATH, app.baseUrl())).statusCode())
                        .isEqualTo(200);
            }
            post(app, "/t", "Bob", "A reply to Ada", ada, null);
            mailbox.await(3);
            MimeMessage toAda = mailbox.to("ada@example.com").get(1);

            String unsubscribe = Mailbox.header(toAda, "List-Unsubscribe");
            HttpResponse<String> clicked = oneClick(app.baseUrl() + unsubscribe.substring(
                    unsubscribe.indexOf(Letters.UNSUBSCRIBE_PATH), unsubscribe.length() - 1));
            assertThat(clicked.statusCode()).as(clicked.body()).isEqualTo(200);

            post(app, "/t", "Bob", "Another reply to Ada", ada, null);
            // Eve's reply is handled after Ada's (one thread, in order): once it arrived, Ada's was not sent.
            post(app, "/t", "Bob", "A reply to Eve", eve, null);
            assertThat(mailbox.await(4)).hasSize(4);
            assertThat(mailbox.to("eve@example.com")).hasSize(2);
            assertThat(mailbox.to("ada@example.com")).hasSize(2);
        }
    }

    @Test
    void theAddressNeverAppearsInAnyPublicAnswerOrFrame() {
        try (TestApp app = TestApp.start(settings(mailbox)); WsClient reader = WsClient.connect(app);
             WsClient poster = WsClient.connect(app)) {
            reader.subscribe("/secret", null);
            reader.next("subscribed");
            JsonObject answer = post(app, "/secret", "Ada", "Hello", null, "hidden.ada@example.com");
            poster.send(new JsonObject().put("type", "post").put("id", "r1").put("thread", "/secret")
                    .put("author", "Grace").put("body", "Hi").put("email", "hidden.grace@example.com"));
            String ack = poster.next("ack").encode();
            String frames = reader.next("comment").encode() + reader.next("comment").encode();
            String everything = answer.encode() + ack + frames
                    + get(app.baseUrl() + "/api/v1/comments?thread=/secret").body()
                    + get(app.baseUrl() + "/api/v1/events?thread=/secret").body()
                    + get(app.baseUrl() + "/feed/thread.atom?thread=/secret").body()
                    + get(app.baseUrl() + "/feed/site.rss").body();
            assertThat(everything).contains("Hello").contains("Hi").doesNotContain("hidden.");
            mailbox.await(2);
        }
    }

    @Test
    void aFailedSendIsRetriedOnceTheServerIsBack() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            mailbox.down();
            post(app, "/t", "Ada", "Mail me", null, "ada@example.com");
            awaitMetric(app, "parley_mail_sends_total{result=\"failed\"}", 2);
            mailbox.up();
            assertThat(Mailbox.to(mailbox.await(1).get(0))).isEqualTo("ada@example.com");
        }
    }

    @Test
    void aRestartBetweenCommitAndSendStillSends() {
        TestApp first = TestApp.start(settings(mailbox));
        mailbox.down();
        post(first, "/t", "Ada", "Mail me", null, "ada@example.com");
        awaitMetric(first, "parley_mail_sends_total{result=\"failed\"}", 1);
        try (TestApp second = first.restart()) {
            mailbox.up();
            assertThat(Mailbox.to(mailbox.await(1).get(0))).isEqualTo("ada@example.com");
        }
    }

    @Test
    void confirmationMailsToOneAddressAreRateLimited() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            // Two strangers (no author token) give the victim's address: one confirmation, no more.
            post(app, "/t", "Mallory", "one", null, "victim@example.com");
            post(app, "/t", "Mallory", "two", null, "victim@example.com");
            assertThat(metric(app, "parley_mail_queued_total{outcome=\"queued\"}")).isEqualTo(1);
            assertThat(metric(app, "parley_mail_queued_total{outcome=\"confirm_rate\"}")).isEqualTo(1);
            assertThat(Mailbox.to(mailbox.await(1).get(0))).isEqualTo("victim@example.com");
        }
    }

    @Test
    void mailsToOneAddressAreCappedPerHour() {
        try (TestApp app = TestApp.start(settings(mailbox, "PARLEY_MAIL_PER_ADDRESS_HOUR", "2"))) {
            long ada = post(app, "/t", "Ada", "Mail me", null, "ada@example.com").getLong("id");
            get(Mailbox.link(mailbox.await(1).get(0), Letters.CONFIRM_PATH, app.baseUrl()));
            for (int i = 0; i < 4; i++) {
                post(app, "/t", "Bob", "reply " + i, ada, null);
            }
            awaitMetric(app, "parley_mail_queued_total{outcome=\"address_rate\"}", 3);
            assertThat(metric(app, "parley_mail_queued_total{outcome=\"queued\"}")).isEqualTo(2);
            assertThat(mailbox.await(2)).hasSize(2);
        }
    }

    @Test
    void forgedExpiredOrSwappedLinksAreRefused() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            long ada = post(app, "/t", "Ada", "Mail me", null, "ada@example.com").getLong("id");
            String confirm = Mailbox.link(mailbox.await(1).get(0), Letters.CONFIRM_PATH, app.baseUrl());
            String token = confirm.substring(confirm.indexOf("token=") + 6);
            String unsubscribePath = app.baseUrl() + Letters.UNSUBSCRIBE_PATH + "?token=";
            // Links end up in proxy logs and browser histories: the address is not in them.
            assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))))
                    .doesNotContain("ada@example.com").contains("\n");
            // A confirmation token does not unsubscribe; a changed payload or signature is no token.
            assertThat(oneClick(unsubscribePath + token).statusCode()).isEqualTo(400);
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "9999999999\nsomeone\nvictim@example.com".getBytes()) + token.substring(token.indexOf('.'));
            assertThat(get(app.baseUrl() + Letters.CONFIRM_PATH + "?token=" + forged).statusCode()).isEqualTo(400);
            assertThat(get(app.baseUrl() + Letters.CONFIRM_PATH + "?token=" + token.substring(0, token.length() - 2))
                    .statusCode()).isEqualTo(400);
            assertThat(get(app.baseUrl() + Letters.CONFIRM_PATH).statusCode()).isEqualTo(400);
            HttpResponse<String> page = get(confirm);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("ada@example.com").doesNotContain(token);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'"));
            assertThat(ada).isPositive();
        }
    }

    @Test
    void aBadAddressIsRefusedWithTheProtocolsError() {
        try (TestApp app = TestApp.start(settings(mailbox))) {
            for (String bad : List.of("not-an-address", "a@b.c\r\nBcc: x@y.z", "Ada <ada@example.com>", "a@@b.co")) {
                Http.assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject()
                        .put("thread", "/t").put("author", "A").put("body", "b").put("email", bad).encode()),
                        400, "invalid_email");
            }
        }
    }

    @Test
    void moderatorsWhoWantPendingCommentsOnlyAreMailedAboutThoseOnly() {
        try (TestApp app = TestApp.start(settings(mailbox, "PARLEY_MODERATOR_EMAILS", "mod@example.com",
                "PARLEY_MODERATOR_MAIL", "pending", "PARLEY_ADMIN_TOKEN", "moderator-token-for-tests"))) {
            post(app, "/t", "Ada", "Visible at once", null, null);
            JsonObject settings = new JsonObject().put("premoderation", true).put("blockedWords", new io.vertx.core.json.JsonArray())
                    .put("blockedDomains", new io.vertx.core.json.JsonArray());
            assertThat(Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/admin/settings"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer moderator-token-for-tests")
                    .PUT(HttpRequest.BodyPublishers.ofString(settings.encode()))).statusCode()).isEqualTo(200);
            // Settings reach posts within a second: post until one waits for approval.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int i = 0;
            while (!post(app, "/t", "Bob", "Waiting " + i++, null, null).getBoolean("pending", false)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
            }
            MimeMessage notice = mailbox.await(1).get(0);
            assertThat(mailbox.messages()).hasSize(1);
            assertThat(Mailbox.header(notice, "Subject")).startsWith("Comment waiting for approval from Bob");
            assertThat(Mailbox.text(notice)).contains("Waiting " + (i - 1)).doesNotContain("Visible at once");
        }
    }

    @Test
    void moderatorsAreMailedAboutNewComments() {
        try (TestApp app = TestApp.start(settings(mailbox, "PARLEY_MODERATOR_EMAILS", "mod@example.com"))) {
            post(app, "/t", "Ada", "Hello moderators", null, null);
            MimeMessage notice = mailbox.await(1).get(0);
            assertThat(Mailbox.to(notice)).isEqualTo("mod@example.com");
            assertThat(Mailbox.text(notice)).contains("Hello moderators").contains(PUBLIC + "/admin");
        }
    }
}
