package dev.parley.realtime;

import dev.parley.config.Config;
import java.time.Duration;

/**
 * What live delivery needs to know; built by the composition root from the config.
 * {@code resync}: when feeds are checked against the database (never, when the broker cannot lose events).
 */
public record RealtimeSettings(int maxFrameBytes, Duration pingEvery, Duration pongTimeout, int maxSubscriptions, int outboxBytes,
                               int replayLimit, Duration presenceEvery, Duration gapWait, Resync resync,
                               dev.parley.abuse.Limit subscribeLimit) {

    /** From the node's settings; {@code subscribeLimit} null when rate limits are off. */
    public static RealtimeSettings of(Config.Realtime r, Resync resync, dev.parley.abuse.Limit subscribeLimit) {
        return new RealtimeSettings(r.maxFrameBytes(), r.pingEvery(), r.pongTimeout(), r.maxSubscriptions(),
                r.outboxBytes(), r.replayLimit(), r.presenceEvery(), r.gapWait(), resync, subscribeLimit);
    }

    /**
     * Heartbeat check period: fine enough to close a silent connection close to its deadline, and
     * to spread pings over many small batches (a tick's pings are written in one go).
     */
    long heartbeatTickMillis() {
        long smallest = Math.min(pingEvery.toMillis(), pongTimeout.toMillis());
        return Math.max(20, Math.min(250, smallest / 4));
    }
}
