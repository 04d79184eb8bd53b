package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.Services;
import dev.parley.TestApp;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: each mail and each webhook event is sent by one of them,
 * once, whichever node took the post.
 */
class NotifyClusterTest {
    @AutoClose
    final Mailbox mailbox = Mailbox.start();
    @AutoClose
    final Receiver receiver = new Receiver();
    final String database = Services.createPostgresDatabase();

    @AfterEach
    void dropDatabase() {
        Services.dropPostgresDatabase(database);
    }

    private Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(MailNotificationTest.settings(mailbox));
        env.putAll(WebhookTest.settings(receiver.url()));
        env.put("PARLEY_DATABASE_URL", database);
        env.put("PARLEY_MODERATOR_EMAILS", "mod@example.com");
        return env;
    }

    /** The series summed over both nodes, once it reached {@code atLeast} (a send is counted just after it went). */
    private static double counted(TestApp one, TestApp two, String series, int atLeast) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        double sum;
        while ((sum = MailNotificationTest.metric(one, series) + MailNotificationTest.metric(two, series)) < atLeast
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return sum;
    }

    @Test
    void eachMailAndEachWebhookEventIsSentByOneNodeOnce() {
        try (TestApp one = TestApp.start(settings()); TestApp two = TestApp.start(settings())) {
            int posts = 20;
            for (int i = 0; i < posts; i++) {
                TestApp node = i % 2 == 0 ? one : two;
                Http.postComment(node, "/t" + (i % 3), "Ada", "comment " + i);
            }
            List<Receiver.Request> delivered = receiver.awaitDelivered(posts);
            List<MimeMessage> mails = mailbox.await(posts);

            assertThat(delivered.stream().map(Receiver.Request::eventId).distinct()).hasSize(posts);
            assertThat(receiver.requests()).hasSize(posts);
            assertThat(mails).hasSize(posts).allSatisfy(m -> assertThat(Mailbox.to(m)).isEqualTo("mod@example.com"));
            assertThat(mails.stream().map(Mailbox::text).distinct()).hasSize(posts);
            String webhooks = "parley_notify_events_total{consumer=\"webhook\",result=\"done\"}";
            String sent = "parley_mail_sends_total{result=\"sent\"}";
            assertThat(counted(one, two, webhooks, posts)).isEqualTo(posts);
            assertThat(counted(one, two, sent, posts)).isEqualTo(posts);
        }
    }
}
