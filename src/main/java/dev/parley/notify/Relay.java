package dev.parley.notify;

import dev.parley.protocol.EventType;
import dev.parley.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the stored thread events to one consumer (a webhook, the mail notices), driven by the
 * database alone, so nothing is lost across a restart and nodes share the work.
 *
 * <p>The invariant, kept here and in {@link RelayStore}: an event reaches the handler only while
 * this node holds the claim on its thread's cursor, in seq order, and the cursor moves past it
 * only after the handler returned. So each event is handled at least once overall (a node that
 * dies mid-event loses its lease and another node redoes that event), in order per thread, and by
 * one node at a time. A handler that throws stops its thread there; the same event is retried
 * after the backoff, the events behind it wait.
 *
 * <p>Bounded: at most {@code concurrency} threads in work per consumer on this node (one request
 * in flight per thread), {@code batch} events read at a time, {@code candidates} threads looked at
 * per tick. Blocking work runs on this relay's own threads, never an event loop.
 */
public final class Relay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    /** Handles one event; returning means done, throwing means retry later (the message is logged). */
    @FunctionalInterface
    public interface Handler {
        void handle(RelayEvent event) throws Exception;
    }

    /**
     * {@code slack}: how late an event may commit after its recorded time (transaction time plus
     * clock skew between nodes); {@code lease}: how long a claim lasts without progress.
     */
    public record Settings(String node, Duration poll, Duration lease, Duration slack, Backoff backoff,
                           int concurrency, int batch, int candidates) {
        public static Settings of(String node, Backoff backoff) {
            return new Settings(node, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(30), backoff,
                    4, 50, 100);
        }
    }

    private final String consumer;
    private final RelayStore store;
    private final Handler handler;
    private final Settings settings;
    private final Clock clock;
    private final Metrics metrics;
    /** The consumer's kind for metrics: {@code mail} or {@code webhook}, not one series per webhook. */
    private final String kind;
    private final Poller poller;
    private final Set<Long> working = ConcurrentHashMap.newKeySet();
    /** When this node last moved the scan mark (ticks run on one thread). */
    private Instant marked = Instant.EPOCH;

    public Relay(String consumer, RelayStore store, Handler handler, Settings settings, Clock clock, Metrics metrics) {
        this.consumer = consumer;
        this.metrics = metrics;
        this.kind = consumer.contains(":") ? consumer.substring(0, consumer.indexOf(':')) : consumer;
        this.store = store;
        this.handler = handler;
        this.settings = settings;
        this.clock = clock;
        this.poller = new Poller("parley-relay-" + consumer.replace(':', '-'), settings.concurrency());
    }

    /** Registers the consumer (a new one starts from now) and polls every {@code poll}. */
    public Relay start() {
        store.register(consumer, clock.instant());
        poller.start(this::tick, settings.poll());
        return this;
    }

    /** A thread event was committed on this node: look now rather than at the next poll. */
    public void wake() {
        poller.wake();
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            RelayStore.Candidates found = store.candidates(consumer, now, settings.slack(), settings.candidates());
            boolean allMarked = found.complete();
            for (long thread : found.threads()) {
                if (working.size() >= settings.concurrency()) {
                    allMarked = false;
                    break;
                }
                if (working.contains(thread)) {
                    continue;
                }
                OptionalInt attempts = store.claim(consumer, thread, settings.node(), now, now.plus(settings.lease()));
                if (attempts.isPresent() && working.add(thread)) {
                    poller.execute(() -> work(thread, attempts.getAsInt()));
                }
            }
            // The mark only keeps the window short: moving it every few slacks is enough, and an
            // idle node does not write to the database every poll.
            if (allMarked && now.isAfter(marked.plus(settings.slack().dividedBy(3)))) {
                store.scanned(consumer, now);
                marked = now;
            }
        } catch (RuntimeException e) {
            log.warn("{}: cannot read pending events: {}", consumer, e.toString());
        }
    }

    /** Delivers one claimed thread's events in order until it is caught up, a handler fails or the claim is lost. */
    private void work(long thread, int attempts) {
        try {
            while (!poller.closed()) {
                List<RelayEvent> events = store.next(consumer, thread, settings.batch());
                if (events.isEmpty()) {
                    store.release(consumer, thread, settings.node());
                    return;
                }
                for (RelayEvent event : events) {
                    try {
                        // An imported comment's arrival is history: no webhook call, no mail.
                        if (event.imported() && event.type() == EventType.COMMENT) {
                            metrics.relayed(kind, "skipped");
                        } else {
                            handler.handle(event);
                            metrics.relayed(kind, "done");
                        }
                    } catch (Exception e) {
                        metrics.relayed(kind, "failed");
                        int failures = attempts + 1;
                        Duration wait = settings.backoff().after(failures);
                        log.warn("{}: event {} failed (attempt {}), retrying in {}: {}", consumer, event.id(), failures,
                                wait, e.getMessage() == null ? e.toString() : e.getMessage());
                        store.retryAt(consumer, thread, settings.node(), failures, clock.instant().plus(wait));
                        return;
                    }
                    attempts = 0;
                    if (!store.advance(consumer, thread, event.seq(), settings.node(),
                            clock.instant().plus(settings.lease()))) {
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            // The database failed: the claim runs out and the thread is picked up again.
            log.warn("{}: thread {} stopped: {}", consumer, thread, e.toString());
        } finally {
            working.remove(thread);
        }
    }

    @Override
    public void close() {
        poller.close();
        try {
            store.abandon(consumer, settings.node());
        } catch (RuntimeException e) {
            log.warn("{}: claims not released (their leases run out): {}", consumer, e.toString());
        }
    }
}
