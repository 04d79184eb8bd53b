package dev.parley.realtime;

import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Failures;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.CloseCode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ThreadEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one event loop: its sessions, one {@link Feed} per watched thread, the
 * heartbeat and presence timers. Everything but {@link #watches} and {@link #offer} runs on the
 * shard's own event loop, so no state here is shared or locked.
 */
public final class Shard implements Feed.Fanout {
    private static final Logger log = LoggerFactory.getLogger(Shard.class);
    private static final Logger sessionLog = LoggerFactory.getLogger("parley.access");
    private static final int REPLAY_PAGE = 100;

    private final Vertx vertx;
    private final Context context;
    private final Hub hub;
    private final Interest interest;
    private final Presence presence;
    private final CommentService comments;
    private final WorkerExecutor worker;
    private final Frames frames;
    private final Metrics metrics;
    private final RealtimeSettings settings;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, Feed> feeds = new HashMap<>();
    private final Set<Session> sessions = new LinkedHashSet<>();
    private final long[] timers = {-1, -1, -1};
    private Promise<Void> drained;
    private long reportedPendingBytes;
    private final java.util.concurrent.ConcurrentLinkedQueue<Delivery> inbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    /** Sessions with unflushed writes; each appears once (see Session.unflushed). */
    private final java.util.ArrayList<Session> written = new java.util.ArrayList<>();

    public Shard(Vertx vertx, Context context, Hub hub, Interest interest, Presence presence, CommentService comments,
                 WorkerExecutor worker, Frames frames, Metrics metrics, RealtimeSettings settings) {
        this.vertx = vertx;
        this.context = context;
        this.hub = hub;
        this.interest = interest;
        this.presence = presence;
        this.comments = comments;
        this.worker = worker;
        this.frames = frames;
        this.metrics = metrics;
        this.settings = settings;
    }

    public void start() {
        hub.add(this);
        timers[0] = vertx.setPeriodic(settings.heartbeatTickMillis(), id -> heartbeat());
        timers[1] = vertx.setPeriodic(settings.presenceEvery().toMillis(), id -> sendPresence());
        if (settings.resync() instanceof Resync.WhenQuiet quiet) {
            timers[2] = vertx.setPeriodic(quiet.quiet().toMillis(), id -> checkQuietFeeds(quiet.quiet()));
        }
    }

    /** Closes every session with 1012 and completes when all have closed. */
    public Future<Void> drain() {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            hub.remove(this);
            drained = promise;
            for (Session s : List.copyOf(sessions)) {
                s.close(CloseCode.RESTARTING, "server restarting: reconnect and replay with since");
            }
            checkDrained();
        });
        return promise.future();
    }

    public void stop() {
        for (long timer : timers) {
            vertx.cancelTimer(timer);
        }
    }

    void closeBanned(String authorId, String ipHash) {
        context.runOnContext(v -> {
            for (Session s : List.copyOf(sessions)) {
                if ((ipHash != null && ipHash.equals(s.ipHash)) || (authorId != null && s.hasPostedAs(authorId))) {
                    s.close(CloseCode.POLICY, "banned");
                }
            }
        });
    }

    boolean watches(String thread) {
        return watched.contains(thread);
    }

    /**
     * Any thread: queues the delivery for this shard's event loop. One task drains everything
     * queued so far; the sockets it wrote to are flushed once right after (see {@link #markWritten}):
     * frames that arrive together leave together, in one write per socket.
     */
    void offer(Delivery d) {
        inbox.add(d);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drainInbox());
        }
    }

    private void drainInbox() {
        drainScheduled.set(false);
        for (Delivery d; (d = inbox.poll()) != null; ) {
            Feed feed = feeds.get(d.thread);
            if (feed != null) {
                feed.accept(d);
            }
        }
    }

    /**
     * Remembers a socket written to without a flush. The first one of a batch schedules the flush
     * as the event loop's next task, so every path that writes (the inbox, a catch-up read, a
     * feed's first snapshot, a join) is flushed, once per socket, after its current task.
     */
    private void markWritten(Session s) {
        if (s.unflushed) {
            return;
        }
        s.unflushed = true;
        if (written.isEmpty()) {
            context.runOnContext(v -> flushWritten());
        }
        written.add(s);
    }

    private void flushWritten() {
        for (int i = 0; i < written.size(); i++) {
            written.get(i).flush();
        }
        written.clear();
    }

    // ---- sessions ----

    void opened(Session s) {
        sessions.add(s);
        metrics.connections.incrementAndGet();
    }

    void closed(Session s) {
        s.markClosed(-1);
        if (sessions.remove(s)) {
            metrics.connections.decrementAndGet();
            sessionLog.atInfo().setMessage("websocket")
                    .addKeyValue("durationMs", (System.nanoTime() - s.openedAtNanos) / 1_000_000)
                    .addKeyValue("framesIn", s.framesIn)
                    .addKeyValue("framesOut", s.framesOut)
                    .addKeyValue("subscriptions", s.subscriptions.size())
                    .addKeyValue("closeCode", s.closeCode())
                    .log();
            for (String thread : List.copyOf(s.subscriptions.keySet())) {
                unsubscribe(s, thread);
            }
        }
        checkDrained();
    }

    private void checkDrained() {
        if (drained != null && sessions.isEmpty()) {
            drained.tryComplete();
        }
    }

    // ---- subscribe: live first, then replay, then the held live frames ----

    /**
     * Subscribes a session. The rule that makes delivery exact: the subscription joins the feed
     * (holding live frames) before storage is read, so every event committed after that read is
     * held, and every event committed before it is in the replay. Held frames with a seq the replay
     * already sent are dropped.
     */
    void subscribe(Session s, String thread, Long since) {
        Subscription existing = s.subscriptions.get(thread);
        if (existing != null) {
            if (existing.joining) {
                existing.repeatedSubscribes++;
            } else {
                s.send(frames.subscribed(thread, existing.lastSent, presence.online(thread), false),
                        Metrics.Out.SUBSCRIBED);
            }
            return;
        }
        if (s.subscriptions.size() >= settings.maxSubscriptions()) {
            s.send(frames.error(null, ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "at most " + settings.maxSubscriptions() + " subscriptions per connection"), Metrics.Out.ERROR);
            return;
        }
        Subscription sub = new Subscription(thread, s);
        s.subscriptions.put(thread, sub);
        Feed feed = feeds.computeIfAbsent(thread, this::openFeed);
        feed.subscribers.add(sub);
        presence.join(thread);
        metrics.subscriptions.incrementAndGet();
        if (feed.lastSeq >= 0 && (since == null || since == feed.lastSeq)) {
            // A live feed has delivered every seq up to lastSeq and will deliver every later one
            // to this subscription: nothing to read. The common join (a page that just loaded, a
            // reconnect that missed nothing) then costs no database read and no worker hop.
            sub.lastSent = feed.lastSeq;
            finishJoin(sub, false);
            return;
        }
        fetch(() -> since == null
                ? new CommentStore.Page<ThreadEvent>(comments.stats(thread).seq(), List.of())
                : comments.events(thread, since, REPLAY_PAGE))
                .onSuccess(page -> startReplay(sub, feed, since, page))
                .onFailure(failure -> failJoin(sub, failure));
    }

    private void startReplay(Subscription sub, Feed feed, Long since, CommentStore.Page<ThreadEvent> page) {
        if (!isCurrent(sub)) {
            return;
        }
        long latest = page.seq();
        feed.initialize(latest);
        if (since == null) {
            sub.lastSent = latest;
            finishJoin(sub, false);
        } else if (since > latest || latest - since > settings.replayLimit()) {
            sub.lastSent = latest;
            finishJoin(sub, true);
        } else {
            sub.lastSent = since;
            writeReplay(sub, page.items(), 0, latest);
        }
    }

    /** Writes replayed events, pausing while the socket's queue is more than half full. */
    private void writeReplay(Subscription sub, List<ThreadEvent> events, int from, long target) {
        if (!isCurrent(sub)) {
            return;
        }
        Session s = sub.session;
        for (int i = from; i < events.size(); i++) {
            if (!s.roomForReplay()) {
                int next = i;
                vertx.setTimer(5, id -> writeReplay(sub, events, next, target));
                return;
            }
            ThreadEvent e = events.get(i);
            if (e.seq() > sub.lastSent) {
                // One flush for the whole page (see markWritten), not a system call per event.
                s.writeUnflushed(frames.event(e), Delivery.kindOf(e));
                markWritten(s);
                sub.lastSent = e.seq();
                metrics.deliveries.increment();
            }
        }
        if (sub.lastSent >= target || events.isEmpty()) {
            finishJoin(sub, false);
            return;
        }
        fetch(() -> comments.events(sub.thread, sub.lastSent, REPLAY_PAGE).items())
                .onSuccess(next -> writeReplay(sub, next, 0, target))
                .onFailure(failure -> failJoin(sub, failure));
    }

    private void finishJoin(Subscription sub, boolean reset) {
        Session s = sub.session;
        sub.joining = false;
        s.send(frames.subscribed(sub.thread, sub.lastSent, presence.online(sub.thread), reset), Metrics.Out.SUBSCRIBED);
        for (; sub.repeatedSubscribes > 0; sub.repeatedSubscribes--) {
            s.send(frames.subscribed(sub.thread, sub.lastSent, presence.online(sub.thread), false),
                    Metrics.Out.SUBSCRIBED);
        }
        for (Delivery d : sub.held) {
            if (deliverTo(sub, d) == 1) {
                metrics.deliveries.increment();
                metrics.frameOut(d.kind);
            }
        }
        sub.held.clear();
        sub.heldBytes = 0;
    }

    private void failJoin(Subscription sub, Throwable failure) {
        if (!isCurrent(sub)) {
            return;
        }
        ApiException error = Failures.toApi(failure);
        unsubscribe(sub.session, sub.thread);
        sub.session.send(frames.error(null, error.code(), "subscribe to " + sub.thread + " failed: "
                + error.getMessage()), Metrics.Out.ERROR);
    }

    private boolean isCurrent(Subscription sub) {
        return !sub.session.closed() && sub.session.subscriptions.get(sub.thread) == sub;
    }

    void unsubscribe(Session s, String thread) {
        Subscription sub = s.subscriptions.remove(thread);
        if (sub == null) {
            return;
        }
        presence.leave(thread);
        metrics.subscriptions.decrementAndGet();
        Feed feed = feeds.get(thread);
        if (feed != null) {
            feed.subscribers.remove(sub);
            if (feed.subscribers.isEmpty()) {
                feeds.remove(thread);
                watched.remove(thread);
                interest.unwatch(thread);
            }
        }
    }

    private Feed openFeed(String thread) {
        watched.add(thread);
        interest.watch(thread);
        return new Feed(thread, this);
    }

    // ---- fan-out ----

    @Override
    public void deliver(Feed feed, Delivery d) {
        List<Subscription> subscribers = feed.subscribers;
        int delivered = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            delivered += deliverTo(subscribers.get(i), d);
        }
        metrics.deliveries.add(delivered);
        metrics.framesOut(d.kind, delivered);
        metrics.deliveryLatency.record(System.nanoTime() - d.publishedNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns 1 if a frame was written to this subscriber. */
    private int deliverTo(Subscription sub, Delivery d) {
        Session s = sub.session;
        if (sub.joining) {
            sub.held.add(d);
            sub.heldBytes += d.frame.length;
            if (sub.heldBytes > settings.outboxBytes()) {
                metrics.slowConsumerDisconnects.increment();
                s.close(CloseCode.TOO_SLOW, "too slow: reconnect and replay with since");
            }
            return 0;
        }
        if (d.seq <= sub.lastSent) {
            return 0;
        }
        sub.lastSent = d.seq;
        if (s.sendShared(d)) {
            markWritten(s);
        }
        return 1;
    }

    /** Some seqs are missing: wait briefly for them (they may just be late), then read them. */
    @Override
    public void gap(Feed feed) {
        if (feed.catchUpPending) {
            return;
        }
        feed.catchUpPending = true;
        vertx.setTimer(settings.gapWait().toMillis(), id -> {
            feed.catchUpPending = false;
            if (feed.hasGap()) {
                catchUp(feed);
            }
        });
    }

    /** Any thread: every feed reads what it may have missed (after a broker outage). */
    void resync() {
        context.runOnContext(v -> {
            for (Feed feed : List.copyOf(feeds.values())) {
                catchUp(feed);
            }
        });
    }

    /** Reads the events after the feed's last seq from the database and delivers them in order. */
    private void catchUp(Feed feed) {
        if (feed.catchUpPending || feed.lastSeq < 0 || feeds.get(feed.thread) != feed) {
            return;
        }
        feed.catchUpPending = true;
        long from = feed.lastSeq;
        metrics.gapFills.increment();
        fetch(() -> comments.events(feed.thread, from, REPLAY_PAGE).items()).onComplete(result -> {
            feed.catchUpPending = false;
            if (result.failed()) {
                log.warn("catch-up for thread {} failed: {}", feed.thread, result.cause().toString());
                if (feed.hasGap()) {
                    gap(feed);
                }
                return;
            }
            for (ThreadEvent e : result.result()) {
                feed.accept(Delivery.of(e, frames.event(e)));
            }
            if (result.result().size() == REPLAY_PAGE || feed.hasGap()) {
                catchUp(feed);
            }
        });
    }

    /**
     * With a broker that can lose events, a feed that has been quiet for a while is compared with
     * the database (one query for all quiet feeds of this shard), and caught up if it is behind.
     */
    private void checkQuietFeeds(java.time.Duration quietFor) {
        long quietSince = System.currentTimeMillis() - quietFor.toMillis();
        List<Feed> quiet = feeds.values().stream()
                .filter(f -> f.lastSeq >= 0 && !f.catchUpPending && f.lastEventAtMillis < quietSince).toList();
        if (quiet.isEmpty()) {
            return;
        }
        List<String> threads = quiet.stream().map(f -> f.thread).toList();
        fetch(() -> comments.latestSeqs(threads)).onSuccess(latest -> {
            for (Feed feed : quiet) {
                feed.lastEventAtMillis = System.currentTimeMillis();
                if (latest.getOrDefault(feed.thread, 0L) > feed.lastSeq) {
                    catchUp(feed);
                }
            }
        }).onFailure(failure -> log.debug("quiet-feed check failed: {}", failure.toString()));
    }

    // ---- timers ----

    private void heartbeat() {
        long now = System.currentTimeMillis();
        long pongTimeout = settings.pongTimeout().toMillis();
        long pending = 0;
        for (Session s : List.copyOf(sessions)) {
            if (s.closed()) {
                s.dropIfCloseStalled(now);
                continue;
            }
            pending += s.pendingBytes();
            if (s.awaitingPongSince > 0 && now - s.awaitingPongSince >= pongTimeout) {
                metrics.heartbeatTimeouts.increment();
                s.close(CloseCode.MISSED_HEARTBEAT, "missed heartbeat");
            } else if (now >= s.nextPingAt) {
                s.ping();
                if (s.awaitingPongSince == 0) {
                    s.awaitingPongSince = now;
                }
                s.nextPingAt = now + settings.pingEvery().toMillis();
            }
        }
        metrics.outboundQueueBytes.addAndGet(pending - reportedPendingBytes);
        reportedPendingBytes = pending;
    }

    private void sendPresence() {
        for (Feed feed : feeds.values()) {
            long online = presence.online(feed.thread);
            if (online != feed.lastPresence) {
                feed.lastPresence = online;
                byte[] frame = frames.presence(feed.thread, online);
                for (Subscription sub : List.copyOf(feed.subscribers)) {
                    if (!sub.joining) {
                        sub.session.send(frame, Metrics.Out.PRESENCE);
                    }
                }
            }
        }
    }

    <T> Future<T> fetch(java.util.concurrent.Callable<T> work) {
        return worker.executeBlocking(work, false);
    }

    Frames frames() {
        return frames;
    }

    Metrics metrics() {
        return metrics;
    }

    RealtimeSettings settings() {
        return settings;
    }

    CommentService comments() {
        return comments;
    }
}
