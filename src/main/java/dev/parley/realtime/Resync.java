package dev.parley.realtime;

import java.time.Duration;

/**
 * When a shard checks its live feeds against the database for events the broker may have
 * dropped: never (in-process delivery loses nothing), or for feeds quiet for a while (Redis
 * pub/sub drops what is published while a subscriber is away).
 */
public sealed interface Resync {
    Resync NEVER = new Never();

    static Resync whenQuietFor(Duration quiet) {
        return new WhenQuiet(quiet);
    }

    record Never() implements Resync {
    }

    record WhenQuiet(Duration quiet) implements Resync {
    }
}
