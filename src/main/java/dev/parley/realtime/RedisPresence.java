package dev.parley.realtime;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reader counts across nodes. Each node writes its own count per watched thread into a Redis hash
 * ({@code PREFIX presence:THREAD}, field = node id, value = {@code count:expiresAtMillis}) and
 * reads the others' on the same tick. An entry a node stopped refreshing (it died) expires after
 * three ticks, so a crashed node's readers stop counting without any cleanup.
 */
public final class RedisPresence {

    /** prefix + "presence:" + thread key. */
    private final String key;
    private final Vertx vertx;
    private final Redis client;
    private final Presence presence;
    private final String nodeId;
    private final long everyMillis;
    private final Set<String> reported = new HashSet<>();
    private long timer = -1;
    private boolean inFlight;

    public RedisPresence(Vertx vertx, Redis client, Presence presence, String nodeId, Duration every, String prefix) {
        this.key = prefix + "presence:";
        this.vertx = vertx;
        this.client = client;
        this.presence = presence;
        this.nodeId = nodeId;
        this.everyMillis = every.toMillis();
    }

    public void start() {
        vertx.runOnContext(v -> timer = vertx.setPeriodic(everyMillis, id -> tick()));
    }

    public void stop() {
        vertx.cancelTimer(timer);
        List<Request> leave = new ArrayList<>();
        for (String thread : reported) {
            leave.add(Request.cmd(Command.HDEL).arg(key + thread).arg(nodeId));
        }
        if (!leave.isEmpty()) {
            client.batch(leave);
        }
    }

    private void tick() {
        if (inFlight) {
            return;
        }
        long now = System.currentTimeMillis();
        String expiresAt = Long.toString(now + 3 * everyMillis);
        List<String> threads = List.copyOf(presence.localThreads());
        List<Request> requests = new ArrayList<>();
        for (String thread : threads) {
            requests.add(Request.cmd(Command.HSET).arg(key + thread).arg(nodeId)
                    .arg(presence.local(thread) + ":" + expiresAt));
            requests.add(Request.cmd(Command.PEXPIRE).arg(key + thread).arg(10 * everyMillis));
            requests.add(Request.cmd(Command.HGETALL).arg(key + thread));
        }
        for (String gone : reported) {
            if (!threads.contains(gone)) {
                requests.add(Request.cmd(Command.HDEL).arg(key + gone).arg(nodeId));
            }
        }
        reported.clear();
        reported.addAll(threads);
        presence.forgetRemote(threads);
        if (requests.isEmpty()) {
            return;
        }
        inFlight = true;
        client.batch(requests).onComplete(result -> {
            inFlight = false;
            if (result.succeeded()) {
                for (int i = 0; i < threads.size(); i++) {
                    presence.remote(threads.get(i), othersOnline(result.result().get(i * 3 + 2), now));
                }
            }
        });
    }

    private long othersOnline(Response hash, long now) {
        if (hash == null) {
            return 0;
        }
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        try {
            for (String node : hash.getKeys()) {
                entries.put(node, hash.get(node).toString());
            }
        } catch (RuntimeException flatReply) {
            // RESP2 answers HGETALL with a flat list of field, value, field, value...
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                entries.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        long sum = 0;
        for (var entry : entries.entrySet()) {
            if (entry.getKey().equals(nodeId)) {
                continue;
            }
            String[] value = entry.getValue().split(":");
            if (value.length == 2 && Long.parseLong(value[1]) > now) {
                sum += Long.parseLong(value[0]);
            }
        }
        return sum;
    }
}
