package dev.parley.abuse;

import io.vertx.core.Future;

/**
 * A cap on the WebSocket connections one address holds open at once. The connect limit is a rate
 * (a burst, then one a second), so without this one address could hold any number of sockets.
 * The key is the address's hash (an IPv6 address's prefix), never the address itself.
 */
public interface ConnectionLeases {

    /**
     * Takes one of the address's slots: true when it was under the cap (the caller must then
     * {@link #release} it when the connection closes), false when it is full. Never blocks: in
     * process the future is already complete; shared leases answer when their store does.
     */
    Future<Boolean> acquire(String key);

    /** Gives a slot back; any thread. */
    void release(String key);

    /** No cap ({@code PARLEY_RATE_LIMITS=off}). */
    ConnectionLeases UNLIMITED = new ConnectionLeases() {
        @Override
        public Future<Boolean> acquire(String key) {
            return Future.succeededFuture(true);
        }

        @Override
        public void release(String key) {
        }
    };
}
