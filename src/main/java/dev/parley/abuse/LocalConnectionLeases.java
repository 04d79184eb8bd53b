package dev.parley.abuse;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection slots counted in this process. An entry exists only while its address has an open
 * connection, so the map is bounded by the open connections; each count by {@code maxPerAddress}.
 */
public final class LocalConnectionLeases implements ConnectionLeases {
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int maxPerAddress;

    public LocalConnectionLeases(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public Future<Boolean> acquire(String key) {
        return Future.succeededFuture(tryAcquire(key));
    }

    /** Takes a slot if this node alone is under the cap. */
    public boolean tryAcquire(String key) {
        boolean[] taken = {false};
        open.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    @Override
    public void release(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Open connections of one address on this node. */
    public int open(String key) {
        return open.getOrDefault(key, 0);
    }

    /** Every address with open connections on this node, and how many: a snapshot. */
    public Map<String, Integer> snapshot() {
        return Map.copyOf(open);
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }
}
