package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CloseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every broker promises (centrifuge's broker contract, run against each implementation): a
 * committed event reaches this node's readers, a ban closes the banned author's sockets, and an
 * unwatched thread costs nothing. Brokers may lose events (GapRecoveryTest covers that with a broker
 * that fails on demand); they never deliver one twice or out of order to a reader.
 */
abstract class BrokerContract {
    @TempDir
    Path dir;

    /** A broker for this node's hub, in the implementation under test. */
    abstract Broker broker(Hub hub);

    /** Whether the broker needs a moment (a connection to make) before it delivers. */
    void awaitReady(Broker broker) {
    }

    ShardFixture node(String name) {
        return new ShardFixture(dir.resolve(name), 1 << 20, Resync.NEVER, this::broker);
    }

    static void await(String what, BooleanSupplier done, Runnable step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            step.run();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aCommittedEventReachesThisNodesReadersOnceAndInOrder() {
        try (ShardFixture node = node("a")) {
            awaitReady(node.usedBroker);
            TestSocket reader = node.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"contract\"}");
            node.loop.runPending();
            node.loop.completeFetches();
            reader.messages();
            for (int i = 0; i < 5; i++) {
                node.post("contract", "comment " + i);
            }
            java.util.List<Long> seqs = new java.util.ArrayList<>();
            await("five comments delivered", () -> seqs.size() >= 5, () -> {
                node.loop.runPending();
                node.loop.completeFetches();
                seqs.addAll(ShardFixture.seqs(reader.messages()));
            });
            assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aBanClosesTheBannedAuthorsSockets() {
        try (ShardFixture node = node("b")) {
            awaitReady(node.usedBroker);
            TestSocket banned = node.connect();
            TestSocket other = new TestSocket(node.shard, "another-ip-hash");
            node.usedBroker.announceBan(null, "ip-hash", null);
            int[] code = {-1};
            await("the banned address's socket closed", () -> code[0] >= 0, () -> {
                node.loop.runPending();
                int c = banned.closeCode();
                if (c >= 0) {
                    code[0] = c;
                }
            });
            assertThat(code[0]).isEqualTo(CloseCode.POLICY);
            assertThat(other.channel.isOpen()).isTrue();
        }
    }

    @Test
    void aThreadWithoutReadersIsNotWatched() {
        try (ShardFixture node = node("c")) {
            awaitReady(node.usedBroker);
            TestSocket reader = node.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"passing\"}");
            node.loop.runPending();
            node.loop.completeFetches();
            assertThat(node.shard.watches("passing")).isTrue();
            reader.send("{\"type\":\"unsubscribe\",\"thread\":\"passing\"}");
            node.loop.runPending();
            assertThat(node.shard.watches("passing")).isFalse();
        }
    }
}
