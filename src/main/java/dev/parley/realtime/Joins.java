package dev.parley.realtime;

import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Failures;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ThreadEvent;
import java.util.List;

/**
 * Subscribing and unsubscribing: a subscription joins its thread's live feed first, then replays
 * what the client missed from storage, then writes the live frames it held meanwhile.
 *
 * <p>The rule that makes delivery exact: the subscription joins the feed (holding live frames)
 * before storage is read, so every event committed after that read is held, and every event
 * committed before it is in the replay. Held frames with a seq the replay already sent are dropped.
 */
final class Joins {
    private final ShardLoop loop;
    private final Feeds feeds;
    private final Fanout fanout;
    private final FlushBatch flushes;
    private final Presence presence;
    private final CommentService comments;
    private final Frames frames;
    private final Metrics metrics;
    private final RealtimeSettings settings;

    Joins(ShardLoop loop, Feeds feeds, Fanout fanout, FlushBatch flushes, Presence presence,
          CommentService comments, Frames frames, Metrics metrics, RealtimeSettings settings) {
        this.loop = loop;
        this.feeds = feeds;
        this.fanout = fanout;
        this.flushes = flushes;
        this.presence = presence;
        this.comments = comments;
        this.frames = frames;
        this.metrics = metrics;
        this.settings = settings;
    }

    void subscribe(Session s, String thread, Long since) {
        Subscription existing = s.subscription(thread);
        if (existing != null) {
            if (existing.joining()) {
                existing.subscribedAgainWhileJoining();
            } else {
                s.send(subscribed(existing, false), Metrics.Out.SUBSCRIBED);
            }
            return;
        }
        if (s.subscriptionCount() >= settings.maxSubscriptions()) {
            s.send(frames.error(null, ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "at most " + settings.maxSubscriptions() + " subscriptions per connection"), Metrics.Out.ERROR);
            return;
        }
        Subscription sub = s.subscribe(thread);
        Feed feed = feeds.open(thread);
        feed.add(sub);
        presence.join(thread);
        metrics.subscriptions.incrementAndGet();
        if (feed.initialized() && (since == null || since == feed.lastSeq())) {
            // A live feed has delivered every seq up to lastSeq and will deliver every later one
            // to this subscription: nothing to read. The common join (a page that just loaded, a
            // reconnect that missed nothing) then costs no database read and no worker hop.
            sub.startAt(feed.lastSeq());
            finish(sub, false);
            return;
        }
        loop.fetch(() -> since == null
                        ? new CommentStore.Page<ThreadEvent>(comments.stats(thread).seq(), List.of())
                        : comments.events(thread, since, GapRecovery.PAGE))
                .onSuccess(page -> startReplay(sub, feed, since, page))
                .onFailure(failure -> fail(sub, failure));
    }

    private void startReplay(Subscription sub, Feed feed, Long since, CommentStore.Page<ThreadEvent> page) {
        if (!sub.session.current(sub)) {
            return;
        }
        long latest = page.seq();
        feed.initialize(latest);
        if (since == null) {
            sub.startAt(latest);
            finish(sub, false);
        } else if (since > latest || latest - since > settings.replayLimit()) {
            sub.startAt(latest);
            finish(sub, true);
        } else {
            sub.startAt(since);
            writeReplay(sub, page.items(), 0, latest);
        }
    }

    /** Writes replayed events, pausing while the connection's budget is more than half used. */
    private void writeReplay(Subscription sub, List<ThreadEvent> events, int from, long target) {
        Session s = sub.session;
        if (!s.current(sub)) {
            return;
        }
        for (int i = from; i < events.size(); i++) {
            if (!s.outbox().roomForReplay()) {
                int next = i;
                loop.timer(5, () -> writeReplay(sub, events, next, target));
                return;
            }
            ThreadEvent e = events.get(i);
            if (sub.advanceTo(e.seq())) {
                // One flush for the whole page (see FlushBatch), not a system call per event.
                s.outbox().writeUnflushed(frames.event(e), Delivery.kindOf(e), e.seq());
                flushes.mark(s);
                metrics.deliveries.increment();
            }
        }
        if (sub.lastSent() >= target || events.isEmpty()) {
            finish(sub, false);
            return;
        }
        loop.fetch(() -> comments.events(sub.thread, sub.lastSent(), GapRecovery.PAGE).items())
                .onSuccess(next -> writeReplay(sub, next, 0, target))
                .onFailure(failure -> fail(sub, failure));
    }

    private void finish(Subscription sub, boolean reset) {
        Session s = sub.session;
        sub.joined();
        // On an event stream the answer carries the seq as its id: a stream resumed from it
        // (Last-Event-ID) misses nothing, also right after a reset.
        s.outbox().send(subscribed(sub, reset), Metrics.Out.SUBSCRIBED, sub.lastSent());
        for (int owed = sub.takeRepeatedSubscribes(); owed > 0; owed--) {
            s.send(subscribed(sub, false), Metrics.Out.SUBSCRIBED);
        }
        for (Delivery d : sub.takeHeld()) {
            if (fanout.deliverTo(sub, d) == 1) {
                metrics.deliveries.increment();
                metrics.frameOut(d.kind);
            }
        }
    }

    private byte[] subscribed(Subscription sub, boolean reset) {
        return frames.subscribed(sub.thread, sub.lastSent(), presence.online(sub.thread), reset,
                settings.pingEvery().toMillis(), settings.pongTimeout().toMillis());
    }

    private void fail(Subscription sub, Throwable failure) {
        if (!sub.session.current(sub)) {
            return;
        }
        ApiException error = Failures.toApi(failure);
        unsubscribe(sub.session, sub.thread);
        sub.session.send(frames.error(null, error.code(), "subscribe to " + sub.thread + " failed: "
                + error.getMessage()), Metrics.Out.ERROR);
    }

    void unsubscribe(Session s, String thread) {
        Subscription sub = s.unsubscribe(thread);
        if (sub == null) {
            return;
        }
        presence.leave(thread);
        metrics.subscriptions.decrementAndGet();
        feeds.leave(sub);
    }

    void unsubscribeAll(Session s) {
        for (String thread : s.threads()) {
            unsubscribe(s, thread);
        }
    }
}
