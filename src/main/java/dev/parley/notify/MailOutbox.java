package dev.parley.notify;

import dev.parley.metrics.Metrics;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the mail outbox. Each mail is claimed in the database before it is sent (a lease, so a
 * mail is sent by one node at a time and a dead node's mail is sent by another once the lease
 * runs out), deleted once the SMTP server took it, and on failure retried after a backoff. At
 * least once overall; never from an event loop (its own threads: a timer and
 * {@code concurrency} senders, so a slow SMTP server holds at most that many mails).
 */
public final class MailOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    /** Longer than a conversation with the SMTP server can take (connect, then each step, 20 s each). */
    private static final Duration LEASE = Duration.ofMinutes(3);
    /** A notice not sent in this long is dropped: a reply three days late is no notice. */
    static final Duration MAX_AGE = Duration.ofDays(3);
    private static final Duration CLEAN_EVERY = Duration.ofHours(1);

    private final MailStore store;
    private final Letters letters;
    private final Mailer mailer;
    private final Backoff backoff;
    private final String node;
    private final Clock clock;
    private final int concurrency;
    private final Poller poller;
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();
    private final Metrics metrics;

    public MailOutbox(MailStore store, Letters letters, Mailer mailer, Backoff backoff, String node, Clock clock,
                      int concurrency, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.letters = letters;
        this.mailer = mailer;
        this.backoff = backoff;
        this.node = node;
        this.clock = clock;
        this.concurrency = concurrency;
        this.poller = new Poller("parley-mail", concurrency);
    }

    public MailOutbox start(Duration poll) {
        poller.start(this::tick, poll);
        poller.every(this::clean, CLEAN_EVERY);
        return this;
    }

    /** Mail was queued on this node: look now rather than at the next poll. */
    public void wake() {
        poller.wake();
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            for (long id : store.due(now, concurrency * 4)) {
                if (poller.closed() || sending.size() >= concurrency) {
                    return;
                }
                if (sending.contains(id)) {
                    continue;
                }
                Optional<MailStore.Letter> letter = store.claim(id, node, now, now.plus(LEASE));
                if (letter.isPresent() && sending.add(id)) {
                    poller.execute(() -> send(letter.get()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("mail: cannot read the outbox: {}", e.toString());
        }
    }

    private void send(MailStore.Letter letter) {
        try {
            MimeMessage message = letters.write(letter);
            if (message != null) {
                mailer.send(message);
                metrics.mailSent(true);
            }
            store.done(letter.id());
        } catch (MessagingException | RuntimeException e) {
            metrics.mailSent(false);
            int failures = letter.attempts() + 1;
            Duration wait = backoff.after(failures);
            log.warn("mail {} ({}) through {} failed (attempt {}), retrying in {}: {}", letter.id(),
                    letter.kind().wire(), mailer, failures, wait, e.toString());
            try {
                store.failed(letter.id(), failures, clock.instant().plus(wait));
            } catch (RuntimeException storeDown) {
                log.warn("mail {}: retry not recorded, its lease runs out instead: {}", letter.id(), storeDown.toString());
            }
        } finally {
            sending.remove(letter.id());
        }
    }

    private void clean() {
        try {
            Instant now = clock.instant();
            store.forget(now.minus(Duration.ofDays(1)), now.minus(MAX_AGE));
        } catch (RuntimeException e) {
            log.warn("mail: cleaning the outbox failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        poller.close();
        try {
            store.abandon(node);
        } catch (RuntimeException e) {
            log.warn("mail: claims not released (their leases run out): {}", e.toString());
        }
    }
}
