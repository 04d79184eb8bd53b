package dev.parley.realtime;

import dev.parley.abuse.TokenBucket;
import dev.parley.metrics.Metrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.vertx.core.Future;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live state of one event loop, and the jobs that keep it: its {@link Sessions}, its
 * {@link Feeds}, {@link Joins} (subscribe and replay), {@link Fanout}, {@link GapRecovery},
 * {@link Heartbeat}, {@link PresenceTicks} and the {@link ClientFrames} its sockets send. Everything but {@link #watches} and {@link #offer}
 * runs on the shard's own loop, so no state here is shared or locked.
 */
public final class Shard {
    private final ShardLoop loop;
    private final Hub hub;
    private final Metrics metrics;
    private final RealtimeSettings settings;
    private final Sessions sessions;
    private final Fanout fanout;
    private final Feeds feeds;
    private final Joins joins;
    private final GapRecovery recovery;
    private final Heartbeat heartbeat;
    private final PresenceTicks presenceTicks;
    private final ClientFrames clientFrames;
    private final WebSocketDecoderConfig decoding;
    private final long[] timers = {-1, -1, -1};
    private final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    Shard(ShardLoop loop, Realtime node) {
        this.loop = loop;
        this.hub = node.hub;
        this.metrics = node.metrics;
        this.settings = node.settings;
        FlushBatch flushes = new FlushBatch(loop);
        this.fanout = new Fanout(flushes, metrics);
        this.feeds = new Feeds(node.interest, new FeedListener(), loop);
        this.recovery = new GapRecovery(loop, feeds, node.comments, node.frames, metrics,
                settings.gapWait().toMillis());
        this.sessions = new Sessions(metrics);
        this.joins = new Joins(loop, feeds, fanout, flushes, node.presence, node.comments, node.frames, metrics,
                settings);
        this.heartbeat = new Heartbeat(sessions, metrics, settings);
        this.presenceTicks = new PresenceTicks(feeds, node.presence, node.frames);
        this.clientFrames = new ClientFrames(this, node.json, node.frames, metrics, node.posting, loop::fetch);
        this.decoding = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(false) // the whole message is checked instead (1007)
                .build();
    }

    /** Feeds hand their ordered deliveries to the fan-out, and their gaps to recovery. */
    private final class FeedListener implements Feed.Fanout {
        @Override
        public void deliver(Feed feed, Delivery delivery) {
            fanout.deliver(feed, delivery);
        }

        @Override
        public void gap(Feed feed) {
            recovery.gap(feed);
        }
    }

    public void start() {
        hub.add(this);
        timers[0] = loop.periodic(settings.heartbeatTickMillis(), () -> heartbeat.tick(loop.nowMillis()));
        timers[1] = loop.periodic(settings.presenceEvery().toMillis(), presenceTicks::tick);
        if (settings.resync() instanceof Resync.WhenQuiet quiet) {
            long quietMillis = quiet.quiet().toMillis();
            timers[2] = loop.periodic(quietMillis, () -> recovery.checkQuietFeeds(quietMillis));
        }
    }

    public void stop() {
        for (long timer : timers) {
            loop.cancel(timer);
        }
    }

    /** Closes every session with 1012 and completes when all have closed. Any thread. */
    public Future<Void> drain() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        loop.runLater(() -> {
            hub.remove(this);
            sessions.drain(loop.nowMillis()).onComplete(done);
        });
        return done.future();
    }

    /**
     * A taken-over connection becomes one of this shard's WebSockets, for {@code site} (its thread
     * keys are that site's): the Netty handlers to put in
     * its pipeline (frame encoder, decoder, and the handler that reads frames into {@code frames}).
     * Runs on the channel's event loop (this shard's).
     */
    public SocketHandlers accept(Channel channel, String ipHash, String site) {
        Session session = open(channel, WebSocketWire.INSTANCE, ipHash, site);
        return new SocketHandlers(new WebSocket13FrameEncoder(false), new WebSocket13FrameDecoder(decoding),
                new SocketHandler(this, clientFrames, session, new MessageAssembler(settings.maxFrameBytes()), loop));
    }

    /**
     * A taken-over connection becomes one of this shard's event streams: a session subscribed to
     * one thread of {@code site} from {@code since} (null: live only), through the same join as a
     * WebSocket's subscribe (replay, then held live frames, no gap and no duplicate). Returns the
     * handler to put in its pipeline. Runs on the channel's event loop (this shard's), before the
     * response head is written: the subscription's first frames follow the head.
     */
    public ChannelHandler acceptStream(Channel channel, String ipHash, String site, String thread, Long since) {
        Session session = open(channel, EventStreamWire.INSTANCE, ipHash, site);
        metrics.streams.incrementAndGet();
        channel.closeFuture().addListener(closed -> metrics.streams.decrementAndGet());
        loop.runLater(() -> {
            if (!session.closed()) {
                joins.subscribe(session, thread, since);
            }
        });
        return new EventStreamHandler(this, session);
    }

    private Session open(Channel channel, Wire wire, String ipHash, String site) {
        // The first ping comes after a random half to whole interval: sockets that connected
        // together (a storm after a restart, a page going viral) would otherwise all be pinged,
        // and answer, in the same heartbeat tick, every interval, stalling delivery meanwhile.
        long pingEvery = settings.pingEvery().toMillis();
        long firstPing = pingEvery / 2 + ThreadLocalRandom.current().nextLong(pingEvery / 2 + 1);
        Session session = new Session(channel, wire, metrics, settings.outboxBytes(), loop.nowMillis(), firstPing,
                ipHash, site, settings.subscribeLimit() == null ? null : new TokenBucket(settings.subscribeLimit()));
        sessions.opened(session);
        return session;
    }

    void closed(Session s) {
        if (sessions.closed(s)) {
            joins.unsubscribeAll(s);
        }
    }

    void subscribe(Session s, String thread, Long since) {
        joins.subscribe(s, thread, since);
    }

    void unsubscribe(Session s, String thread) {
        joins.unsubscribe(s, thread);
    }

    // ---- from the hub, on any thread ----

    boolean watches(String thread) {
        return feeds.watches(thread);
    }

    /**
     * Queues the delivery for this shard's loop. One task drains everything queued so far; the
     * sockets it wrote to are flushed once right after (see {@link FlushBatch}).
     */
    void offer(Delivery d) {
        inbox.add(d);
        if (drainScheduled.compareAndSet(false, true)) {
            loop.runLater(this::drainInbox);
        }
    }

    private void drainInbox() {
        drainScheduled.set(false);
        long now = loop.nowMillis();
        for (Delivery d; (d = inbox.poll()) != null; ) {
            Feed feed = feeds.get(d.thread);
            if (feed != null && d.seq == Delivery.SCORE) {
                fanout.deliverUnordered(feed, d);
            } else if (feed != null) {
                feed.accept(d, now);
            }
        }
    }

    /** Every feed reads what it may have missed (after a broker outage). */
    void resync() {
        loop.runLater(recovery::catchUpAll);
    }

    void closeBanned(String authorId, String ipHash, String site) {
        loop.runLater(() -> sessions.closeBanned(authorId, ipHash, site, loop.nowMillis()));
    }

    ShardLoop loop() {
        return loop;
    }
}
