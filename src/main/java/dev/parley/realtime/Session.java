package dev.parley.realtime;

import dev.parley.abuse.TokenBucket;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One connection, a WebSocket or an event stream (its {@link Wire}): its subscriptions, its
 * {@link Outbox} and its heartbeat state.
 * Confined to its event loop: every method runs there, so nothing here is locked.
 */
final class Session {
    /**
     * Control frames (pings, unsolicited pongs) a client may send per second. Browsers send none;
     * libraries send one every few seconds. More is a flood: closed with 1008.
     */
    static final int MAX_CONTROL_FRAMES_PER_SECOND = 10;

    private final Outbox outbox;
    private final Map<String, Subscription> subscriptions = new HashMap<>(4);
    /** The salted hash of the client's address, for bans; never the address itself. */
    final String ipHash;
    /** The site the connection is for: the threads it names are that site's (protocol/ThreadKey). */
    final String site;
    /**
     * Posts one connection may have waiting for the worker pool (whose queue has no bound of its
     * own): more are refused with rate_limited until an answer goes out. A widget sends one at a
     * time; 64 leaves room for a client that pipelines (the load tool posts open-loop) while
     * bounding what one connection queues to 64 frames of at most PARLEY_MAX_FRAME_BYTES.
     */
    static final int MAX_POSTS_IN_FLIGHT = 64;
    /** Authors remembered per connection for bans: the most recent ones. */
    static final int MAX_AUTHORS = 32;

    /** Authors who posted on this connection, so a ban closes it; allocated on the first post. */
    private LinkedHashSet<String> authorIds;
    private int postsInFlight;
    private final TokenBucket subscribeBucket;
    /** Requests refused in a row for rate limits; at 10 the connection is closed with 4429. */
    private int refusedInARow;
    private long nextPingAt;
    /** When the unanswered ping was sent, or 0 when every ping was answered. */
    private long awaitingPongSince;
    /** When this side last pinged: pongs soon after it are answers, not a flood. */
    private long lastPingAt;
    /** Pongs taken as answers to the last ping: at most two (protocol and application level). */
    private int answersToPing;
    private long controlWindowStart;
    private int controlFramesInWindow;
    final long openedAtNanos = System.nanoTime();
    long framesIn;
    /** Written to since the last flush; the shard flushes it once after its current task. */
    private boolean unflushed;

    Session(Channel channel, Wire wire, Metrics metrics, int budgetBytes, long nowMillis, long firstPingMillis,
            String ipHash, String site, TokenBucket subscribeBucket) {
        this.site = site;
        this.outbox = new Outbox(channel, wire, metrics, budgetBytes);
        this.ipHash = ipHash;
        this.subscribeBucket = subscribeBucket;
        this.nextPingAt = nowMillis + firstPingMillis;
    }

    Outbox outbox() {
        return outbox;
    }

    boolean closed() {
        return outbox.closed();
    }

    void send(byte[] frame, Metrics.Out kind) {
        outbox.send(frame, kind, Wire.NO_ID);
    }

    void close(short code, String reason, long nowMillis) {
        outbox.close(code, reason, nowMillis);
    }

    /** Marks the session as written to without a flush; true when it was not already marked. */
    boolean markUnflushed() {
        if (unflushed) {
            return false;
        }
        unflushed = true;
        return true;
    }

    void flush() {
        unflushed = false;
        outbox.flush();
    }

    // ---- subscriptions ----

    Subscription subscription(String thread) {
        return subscriptions.get(thread);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    Subscription subscribe(String thread) {
        Subscription sub = new Subscription(thread, this);
        subscriptions.put(thread, sub);
        return sub;
    }

    /** Removes the subscription (its held frames' bytes come back); null when there was none. */
    Subscription unsubscribe(String thread) {
        Subscription sub = subscriptions.remove(thread);
        if (sub != null) {
            sub.releaseHeld();
        }
        return sub;
    }

    Collection<String> threads() {
        return List.copyOf(subscriptions.keySet());
    }

    /** Whether {@code sub} is still this session's live subscription to its thread. */
    boolean current(Subscription sub) {
        return !closed() && subscriptions.get(sub.thread) == sub;
    }

    boolean holdBytes(long bytes) {
        return outbox.hold(bytes);
    }

    void releaseBytes(long bytes) {
        outbox.release(bytes);
    }

    // ---- who is on this connection ----

    void postedAs(String authorId) {
        if (authorIds == null) {
            authorIds = new LinkedHashSet<>(2);
        }
        authorIds.remove(authorId);
        authorIds.add(authorId);
        if (authorIds.size() > MAX_AUTHORS) {
            authorIds.removeFirst();
        }
    }

    /** A post goes to the worker pool; false when this connection already has its share waiting. */
    boolean startPost() {
        if (postsInFlight >= MAX_POSTS_IN_FLIGHT) {
            return false;
        }
        postsInFlight++;
        return true;
    }

    void postDone() {
        postsInFlight--;
    }

    boolean bannedBy(String authorId, String bannedIpHash) {
        return (bannedIpHash != null && bannedIpHash.equals(ipHash))
                || (authorId != null && authorIds != null && authorIds.contains(authorId));
    }

    /** Milliseconds to wait before another subscribe is allowed (0: go ahead). */
    long subscribeWait() {
        return subscribeBucket == null ? 0 : subscribeBucket.take();
    }

    /** A request was refused for its rate; true when that makes ten in a row (close with 4429). */
    boolean refusedForRate() {
        return ++refusedInARow >= 10;
    }

    void accepted() {
        refusedInARow = 0;
    }

    // ---- heartbeat and control frames ----

    /** What the heartbeat tick does with this session now. */
    enum Beat { NOTHING, PING, TIMED_OUT }

    Beat beat(long now, long pingEveryMillis, long pongTimeoutMillis) {
        if (awaitingPongSince > 0 && now - awaitingPongSince >= pongTimeoutMillis) {
            return Beat.TIMED_OUT;
        }
        if (now < nextPingAt) {
            return Beat.NOTHING;
        }
        if (awaitingPongSince == 0 && outbox.wire().awaitsPong()) {
            awaitingPongSince = now;
        }
        nextPingAt = now + pingEveryMillis;
        lastPingAt = now;
        answersToPing = 0;
        return Beat.PING;
    }

    void pong() {
        awaitingPongSince = 0;
    }

    /**
     * A ping or pong frame from the client: counted, and answered (a ping) within the budget. A
     * client past {@link #MAX_CONTROL_FRAMES_PER_SECOND} is closed with 1008. Pongs within a second
     * of this side's ping are answers (a client may answer both the protocol and the application
     * ping at the wire level): the first two are not counted.
     */
    void controlFrame(long now, ByteBuf pingPayload) {
        if (pingPayload == null && lastPingAt > 0 && now - lastPingAt < 1000 && answersToPing++ < 2) {
            pong();
            return;
        }
        if (now - controlWindowStart >= 1000) {
            controlWindowStart = now;
            controlFramesInWindow = 0;
        }
        if (++controlFramesInWindow > MAX_CONTROL_FRAMES_PER_SECOND) {
            close(CloseCode.POLICY, "too many control frames", now);
            return;
        }
        if (pingPayload != null) {
            outbox.pong(pingPayload);
        } else {
            pong();
        }
    }
}
