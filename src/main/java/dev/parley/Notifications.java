package dev.parley;

import static dev.parley.config.Setting.PUBLIC_URL;
import static dev.parley.config.Setting.SMTP_FROM;
import static dev.parley.config.Setting.WEBHOOK_SECRET;

import dev.parley.comment.EventPublisher;
import dev.parley.config.Config;
import dev.parley.feed.PageUrls;
import dev.parley.feed.Syndication;
import dev.parley.identity.ServerSecret;
import dev.parley.metrics.Metrics;
import dev.parley.notify.Backoff;
import dev.parley.notify.Letters;
import dev.parley.notify.MailOutbox;
import dev.parley.notify.MailStore;
import dev.parley.notify.MailTokens;
import dev.parley.notify.Mailer;
import dev.parley.notify.Notices;
import dev.parley.notify.Relay;
import dev.parley.notify.Signature;
import dev.parley.notify.SmtpUrl;
import dev.parley.notify.Subscriptions;
import dev.parley.notify.Webhook;
import dev.parley.notify.Webhooks;
import dev.parley.posting.AfterPost;
import dev.parley.protocol.Json;
import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;
import dev.parley.realtime.Broker;
import dev.parley.store.Database;
import dev.parley.store.JdbcFeedStore;
import dev.parley.store.JdbcMailStore;
import dev.parley.store.JdbcRelayStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node tells the world beyond its readers, wired in one place: mail (replies and moderator
 * notices, through the outbox), webhooks (one relay of stored thread events each), and feeds. The
 * feeds are built first, since the hub tells them of changes; mail and webhooks start once the
 * broker exists ({@link #start}), and stop before the worker pool closes ({@link #close}).
 */
final class Notifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    /** Mails waiting for one address, at most: a reader's share of the outbox. */
    private static final int MAX_MAILS_PER_ADDRESS = 20;

    private final Config config;
    private final Config.Notify notify;
    private final Database database;
    private final Metrics metrics;
    private final UnaryOperator<String> authorKey;
    private final Syndication syndication;
    /** Mail and webhook senders, stopped before the pool they read. */
    private final List<AutoCloseable> running = new ArrayList<>();
    private Subscriptions subscriptions;
    private List<Relay> relays = List.of();
    private MailOutbox outbox;

    /**
     * {@code authorKey}: each author's public key, for the comments read here; {@code latestSeq}: a
     * thread's newest seq, so a node of a cluster can tell a cached feed is stale.
     */
    Notifications(Config config, Database database, Metrics metrics, UnaryOperator<String> authorKey,
                  ToLongFunction<String> latestSeq) {
        this.config = config;
        this.notify = config.notifications();
        this.database = database;
        this.metrics = metrics;
        this.authorKey = authorKey;
        this.syndication = new Syndication(new JdbcFeedStore(database, authorKey), notify.feedCacheBytes(), notify.publicUrl(),
                config.cluster() instanceof Config.Cluster.Redis ? latestSeq : null, Clock.systemUTC());
    }

    Syndication feeds() {
        return syndication;
    }

    /**
     * Starts mail and webhooks. Mail needs the public URL (its links) and a sender address, webhooks
     * a signing secret: start-up fails naming whichever is missing.
     */
    void start(ServerSecret secret, Json json) {
        MailStore mail = new JdbcMailStore(database, new MailStore.Limits(notify.mailMaxPending(),
                MAX_MAILS_PER_ADDRESS, notify.mailPerAddressHour(), notify.mailConfirmEvery()), authorKey);
        MailTokens tokens = new MailTokens(secret, Clock.systemUTC());
        Backoff backoff = new Backoff(notify.retryMin(), notify.retryMax());
        outbox = mailOutbox(mail, tokens, backoff);
        Runnable wakeOutbox = outbox == null ? () -> { } : outbox::wake;
        subscriptions = new Subscriptions(mail, tokens, notify.moderatorEmails(), wakeOutbox, Clock.systemUTC(), metrics);
        relays = relays(mail, backoff, wakeOutbox, json);
    }

    /**
     * Publishes through the broker, and wakes the relays on a thread event: they look now rather
     * than at their next poll (scores are no thread events: nothing relays them).
     */
    EventPublisher publisher(Broker broker) {
        return new EventPublisher() {
            @Override
            public void publish(ThreadEvent event) {
                broker.publish(event);
                relays.forEach(Relay::wake);
            }

            @Override
            public void publish(Score score) {
                broker.publish(score);
            }
        };
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * What a committed post does besides being delivered: its page URL is kept for links (when
     * {@code allowedOrigin} allows the page's origin for the thread's site), and a reply mail is
     * asked for when mail is on.
     */
    AfterPost afterPost(BiPredicate<String, String> allowedOrigin) {
        PageUrls pageUrls = new PageUrls(new JdbcFeedStore(database, authorKey), allowedOrigin, Clock.systemUTC());
        return AfterPost.all(outbox == null ? List.of(pageUrls) : List.of(pageUrls, subscriptions));
    }

    private MailOutbox mailOutbox(MailStore store, MailTokens tokens, Backoff backoff) {
        if (notify.smtpUrl().isEmpty()) {
            return null;
        }
        if (notify.publicUrl().isEmpty()) {
            throw new StartupException(PUBLIC_URL, "mail needs this node's public URL for its links", null);
        }
        if (notify.smtpFrom().isEmpty()) {
            throw new StartupException(SMTP_FROM, "mail needs a sender address", null);
        }
        Mailer mailer = new Mailer(SmtpUrl.parse(notify.smtpUrl()));
        Letters letters = StartupException.step(SMTP_FROM, "not a sender address",
                () -> new Letters(mailer, notify.smtpFrom(), notify.publicUrl(), tokens));
        MailOutbox started = new MailOutbox(store, letters, mailer, backoff, config.cluster().nodeId(), Clock.systemUTC(),
                2, metrics);
        running.add(started);
        log.info("mail through {}", mailer);
        return started.start(Duration.ofSeconds(1));
    }

    /** One relay of the stored thread events per webhook, and one for mail notices when mail is on. */
    private List<Relay> relays(MailStore mail, Backoff backoff, Runnable wakeOutbox, Json json) {
        List<Relay> made = new ArrayList<>();
        JdbcRelayStore cursors = new JdbcRelayStore(database, authorKey);
        Relay.Settings settings = Relay.Settings.of(config.cluster().nodeId(), backoff);
        if (outbox != null) {
            made.add(new Relay("mail", cursors, new Notices(mail, notify.moderatorEmails(), notify.moderatorsWantAll(),
                    wakeOutbox, Clock.systemUTC(), metrics), settings, Clock.systemUTC(), metrics));
        }
        if (!notify.webhookUrls().isEmpty()) {
            if (notify.webhookSecret().isEmpty()) {
                throw new StartupException(WEBHOOK_SECRET, "webhooks are signed: set a secret to share with receivers", null);
            }
            java.net.http.HttpClient http = Webhooks.client(notify.webhookTimeout());
            Signature signature = new Signature(notify.webhookSecret());
            for (String url : notify.webhookUrls()) {
                Webhook webhook = Webhook.parse(url);
                made.add(new Relay(webhook.consumer(), cursors, new Webhooks(webhook, http, signature, json,
                        notify.webhookTimeout(), Clock.systemUTC()), settings, Clock.systemUTC(), metrics));
                log.info("webhook {} for {}", webhook, webhook.kinds());
            }
        }
        for (Relay relay : made) {
            running.add(relay);
            relay.start();
        }
        return List.copyOf(made);
    }

    @Override
    public void close() {
        for (AutoCloseable part : running.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part, e.toString());
            }
        }
        running.clear();
    }
}
