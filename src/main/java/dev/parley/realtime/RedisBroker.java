package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.Json;
import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out across nodes through Redis pub/sub: one channel per thread, and each node subscribes only
 * to the threads its own readers watch.
 *
 * <p>Redis pub/sub drops whatever is published while a subscriber is disconnected, so this broker
 * is never trusted for completeness: local readers are served directly (Redis down or not), every
 * reconnect asks the {@link Hub} to resync from the database, and feeds that stay quiet are checked
 * against the database by the shards. The database is the source of truth; Redis makes it fast.
 */
public final class RedisBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final Vertx vertx;
    private final Hub hub;
    private final Redis client;
    private final Json json;
    private final Metrics metrics;
    private final byte[] origin;
    /** One channel per thread: prefix + "thread:" + thread key. */
    private final String channel;
    /** Node-to-node notices (bans); every node subscribes to it. */
    private final String control;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastPublishWarning = new AtomicLong();
    private volatile RedisConnection subscriber;
    private volatile boolean connected;
    private volatile boolean closed;
    private boolean everConnected;
    private long backoffMillis = 100;

    public RedisBroker(Vertx vertx, Hub hub, Redis client, Json json, Metrics metrics, String nodeId, String prefix) {
        this.channel = prefix + "thread:";
        this.control = prefix + "control";
        this.vertx = vertx;
        this.hub = hub;
        this.client = client;
        this.json = json;
        this.metrics = metrics;
        this.origin = (nodeId + "\n").getBytes(StandardCharsets.UTF_8);
        metrics.redisConnected(() -> connected);
    }

    public void start() {
        vertx.runOnContext(v -> connect());
    }

    public boolean connected() {
        return connected;
    }

    @Override
    public void publish(ThreadEvent event) {
        byte[] frame = hub.frames().event(event);
        hub.dispatch(Delivery.of(event, frame));
        publish(event.thread(), frame);
    }

    @Override
    public void publish(Score score) {
        byte[] frame = hub.frames().score(score);
        hub.dispatchScore(score.thread(), frame);
        publish(score.thread(), frame);
    }

    /** The frame to the other nodes, prefixed with this node's origin so it does not come back here. */
    private void publish(String thread, byte[] frame) {
        Buffer payload = Buffer.buffer(origin.length + frame.length).appendBytes(origin).appendBytes(frame);
        client.send(Request.cmd(Command.PUBLISH).arg(channel + thread).arg(payload)).onFailure(this::publishFailed);
    }

    private void publishFailed(Throwable failure) {
        metrics.redisPublishFailures.increment();
        long now = System.currentTimeMillis();
        long last = lastPublishWarning.get();
        if (now - last > 10_000 && lastPublishWarning.compareAndSet(last, now)) {
            log.warn("redis publish failed (remote readers catch up from the database): {}", failure.toString());
        }
    }

    @Override
    public void watch(String thread) {
        if (watched.add(thread)) {
            command(Command.SUBSCRIBE, List.of(channel + thread));
        }
    }

    @Override
    public void unwatch(String thread) {
        if (watched.remove(thread)) {
            command(Command.UNSUBSCRIBE, List.of(channel + thread));
        }
    }

    private void command(Command command, List<String> channels) {
        RedisConnection conn = subscriber;
        if (conn == null || !connected || channels.isEmpty()) {
            return;
        }
        Request request = Request.cmd(command);
        channels.forEach(request::arg);
        conn.send(request).onFailure(failure -> log.debug("redis {} failed: {}", command, failure.toString()));
    }

    private void connect() {
        if (closed) {
            return;
        }
        client.connect().onSuccess(conn -> {
            if (closed) {
                conn.close();
                return;
            }
            subscriber = conn;
            conn.handler(this::onMessage);
            conn.exceptionHandler(failure -> lost(conn, failure.toString()));
            conn.endHandler(v -> lost(conn, "connection closed"));
            connected = true;
            backoffMillis = 100;
            List<String> channels = new ArrayList<>(List.of(control));
            for (String thread : watched) {
                channels.add(channel + thread);
                if (channels.size() == 500) {
                    command(Command.SUBSCRIBE, channels);
                    channels = new ArrayList<>();
                }
            }
            command(Command.SUBSCRIBE, channels);
            if (everConnected) {
                log.warn("redis connection restored: resyncing watched threads from the database");
                hub.resync();
            }
            everConnected = true;
        }).onFailure(failure -> retry(failure.toString()));
    }

    private void lost(RedisConnection conn, String why) {
        if (subscriber != conn) {
            return;
        }
        subscriber = null;
        connected = false;
        conn.close();
        if (!closed) {
            log.warn("redis connection lost ({}): delivering locally, remote events catch up on reconnect", why);
            retry(why);
        }
    }

    private void retry(String why) {
        if (closed) {
            return;
        }
        log.debug("redis connect failed ({}), retrying in {} ms", why, backoffMillis);
        vertx.setTimer(backoffMillis, id -> connect());
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    private void onMessage(Response message) {
        if (message.size() < 3 || !"message".equalsIgnoreCase(message.get(0).toString())) {
            return;
        }
        if (control.equals(message.get(1).toString())) {
            JsonObject notice = new JsonObject(message.get(2).toString());
            hub.closeBanned(notice.getString("authorId"), notice.getString("ipHash"), notice.getString("site"));
            return;
        }
        byte[] payload = message.get(2).toBytes();
        int split = indexOf(payload, (byte) '\n');
        if (split < 0 || (split == origin.length - 1 && startsWith(payload, origin))) {
            return;
        }
        byte[] frame = java.util.Arrays.copyOfRange(payload, split + 1, payload.length);
        try {
            JsonObject event = json.parseObject(frame);
            if ("score".equals(event.getString("type"))) {
                hub.dispatchScore(event.getString("thread"), frame);
                return;
            }
            Metrics.Out kind = "comment".equals(event.getString("type")) ? Metrics.Out.COMMENT : Metrics.Out.UPDATED;
            hub.dispatch(new Delivery(event.getString("thread"), event.getLong("seq"), frame, kind, System.nanoTime()));
        } catch (RuntimeException e) {
            log.warn("ignoring a malformed broker message: {}", e.toString());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void announceBan(String authorId, String ipHash, String site) {
        hub.closeBanned(authorId, ipHash, site);
        String notice = new JsonObject().put("ban", true).put("authorId", authorId).put("ipHash", ipHash).put("site", site).encode();
        client.send(Request.cmd(Command.PUBLISH).arg(control).arg(notice)).onFailure(this::publishFailed);
    }

    @Override
    public void close() {
        closed = true;
        RedisConnection conn = subscriber;
        if (conn != null) {
            conn.close();
        }
        client.close();
    }
}
