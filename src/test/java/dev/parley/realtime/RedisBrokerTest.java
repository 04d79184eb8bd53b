package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.RedisProcess;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis broker keeps the contract, and carries events and bans between nodes. */
class RedisBrokerTest extends BrokerContract {
    private RedisProcess redis;
    private Vertx vertx;
    private final List<Metrics> metrics = new ArrayList<>();
    private int nodes;

    @BeforeEach
    void startRedis() {
        redis = RedisProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopRedis() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        metrics.forEach(Metrics::close);
        redis.close();
    }

    @Override
    Broker broker(Hub hub) {
        Metrics m = new Metrics();
        metrics.add(m);
        RedisBroker broker = new RedisBroker(vertx, hub, Redis.createClient(vertx, redis.url()), new Json(), m,
                "node-" + (++nodes), "contract:");
        broker.start();
        return broker;
    }

    @Override
    void awaitReady(Broker broker) {
        await("connected to Redis", ((RedisBroker) broker)::connected, () -> { });
    }

    @Test
    void anEventReachesAnotherNodeThatWatchesItsThread() {
        try (ShardFixture a = node("a"); ShardFixture b = node("b")) {
            awaitReady(a.usedBroker);
            awaitReady(b.usedBroker);
            TestSocket reader = b.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"shared\"}");
            b.loop.runPending();
            b.loop.completeFetches();
            reader.messages();
            // Node b's store is its own here; what crosses is the event, which b delivers as is.
            a.post("shared", "from node a");
            List<String> seen = new ArrayList<>();
            await("the event reaches node b", () -> !seen.isEmpty(), () -> {
                b.loop.runPending();
                reader.messages().forEach(m -> seen.add(m.getString("type") + ":" + m.getLong("seq")));
            });
            assertThat(seen).containsExactly("comment:1");
        }
    }

    @Test
    void aBanAnnouncedOnOneNodeClosesSocketsOnAnother() {
        try (ShardFixture a = node("a"); ShardFixture b = node("b")) {
            awaitReady(a.usedBroker);
            awaitReady(b.usedBroker);
            TestSocket onB = b.connect();
            a.usedBroker.announceBan(null, "ip-hash", null);
            int[] code = {-1};
            await("node b closes the banned address's socket", () -> code[0] >= 0, () -> {
                b.loop.runPending();
                int c = onB.closeCode();
                if (c >= 0) {
                    code[0] = c;
                }
            });
            assertThat(code[0]).isEqualTo(dev.parley.protocol.CloseCode.POLICY);
        }
    }
}
