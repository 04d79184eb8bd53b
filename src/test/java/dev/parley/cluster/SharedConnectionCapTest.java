package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.RawWsClient;
import dev.parley.RedisProcess;
import dev.parley.TestApp;
import dev.parley.identity.AddressHasher;
import dev.parley.identity.ServerSecret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cap on open connections per address holds across nodes: each node's count is a lease in
 * Redis that expires unless its node renews it, so a node that died stops counting by itself.
 */
class SharedConnectionCapTest {
    private RedisProcess redis;
    private final List<RawWsClient> open = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (RawWsClient c : open) {
            c.close();
        }
        redis.close();
    }

    private TestApp node(String name) {
        return TestApp.start(Map.of("PARLEY_REDIS_URL", redis.url(), "PARLEY_NODE_ID", name,
                "PARLEY_RATE_LIMITS", "on", "PARLEY_CONNECT_BURST", "100", "PARLEY_MAX_CONNECTIONS_PER_ADDRESS", "3",
                "PARLEY_SECRET", "a-secret-both-nodes-share-0123456789"));
    }

    @Test
    void twoNodesShareOneCapPerAddress() throws Exception {
        try (TestApp a = node("a"); TestApp b = node("b")) {
            open.add(RawWsClient.connect(a.port(), 65536));
            open.add(RawWsClient.connect(a.port(), 65536));
            open.add(RawWsClient.connect(b.port(), 65536));
            assertThatThrownBy(() -> RawWsClient.connect(b.port(), 65536)).hasMessageContaining("429");
            assertThatThrownBy(() -> RawWsClient.connect(a.port(), 65536)).hasMessageContaining("429");
            open.remove(0).close();
            open.add(RawWsClient.connectWithin(b.port()));
        }
    }

    @Test
    void aLeaseCountsUntilItExpiresAsADeadNodesWould() throws Exception {
        try (TestApp a = node("a")) {
            String key = "parley:conn:" + new AddressHasher(ServerSecret.load("a-secret-both-nodes-share-0123456789",
                    a.dataDir())).hash("127.0.0.1");
            long now = System.currentTimeMillis();
            redisCli("HSET", key, "ghost", "2:" + (now + 60_000));
            open.add(RawWsClient.connect(a.port(), 65536));
            assertThatThrownBy(() -> RawWsClient.connect(a.port(), 65536)).as("a live node holds two")
                    .hasMessageContaining("429");
            redisCli("HSET", key, "ghost", "2:" + (now - 1_000));
            open.add(RawWsClient.connect(a.port(), 65536));
            open.add(RawWsClient.connect(a.port(), 65536));
            assertThatThrownBy(() -> RawWsClient.connect(a.port(), 65536)).hasMessageContaining("429");
        }
    }

    private void redisCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-u", redis.url()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

}
