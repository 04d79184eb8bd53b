package dev.parley.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One thread's live stream on one shard: puts events back into seq order before fan-out.
 *
 * <p>Invariant: subscribers receive seqs lastSeq+1, lastSeq+2, ... and nothing else. An event that
 * arrives early waits in {@code ahead}; if the missing seqs do not arrive within the gap wait, the
 * shard fetches them from the database (the source of truth). Until the first subscriber's
 * snapshot tells the latest committed seq, the feed is uninitialized ({@code lastSeq < 0}) and
 * only collects. {@code ahead} is bounded: past {@link #MAX_AHEAD} the newest are dropped and the
 * gap fill brings them back from storage.
 */
final class Feed {
    static final int MAX_AHEAD = 10_000;

    /** Where a feed sends what it puts in order, and who hears that seqs are missing. */
    interface Fanout {
        void deliver(Feed feed, Delivery delivery);

        void gap(Feed feed);
    }

    final String thread;
    private final List<Subscription> subscribers = new ArrayList<>();
    private final TreeMap<Long, Delivery> ahead = new TreeMap<>();
    private final Fanout fanout;
    private long lastSeq = -1;
    private long lastPresence = -1;
    /** A database read for this feed is in flight: never more than one. */
    private boolean catchUpPending;
    /** When the feed last received an event, for the quiet-period check. */
    private long lastEventAtMillis;

    Feed(String thread, Fanout fanout, long nowMillis) {
        this.thread = thread;
        this.fanout = fanout;
        this.lastEventAtMillis = nowMillis;
    }

    void accept(Delivery d, long nowMillis) {
        lastEventAtMillis = nowMillis;
        if (lastSeq >= 0 && d.seq <= lastSeq) {
            return;
        }
        if (ahead.size() < MAX_AHEAD || d.seq < ahead.lastKey()) {
            ahead.putIfAbsent(d.seq, d);
            if (ahead.size() > MAX_AHEAD) {
                ahead.pollLastEntry();
            }
        }
        if (lastSeq >= 0) {
            flush();
        }
    }

    /** Sets the starting point from a database snapshot; events up to {@code latest} are in storage. */
    void initialize(long latest) {
        if (lastSeq < 0) {
            lastSeq = latest;
            flush();
        }
    }

    boolean initialized() {
        return lastSeq >= 0;
    }

    /** The last seq delivered to subscribers; -1 before the feed is initialized. */
    long lastSeq() {
        return lastSeq;
    }

    boolean hasGap() {
        return lastSeq >= 0 && !ahead.isEmpty();
    }

    // ---- subscribers ----

    void add(Subscription sub) {
        subscribers.add(sub);
    }

    /** Returns whether the feed has no subscribers left. */
    boolean remove(Subscription sub) {
        subscribers.remove(sub);
        return subscribers.isEmpty();
    }

    /** The live list, for fan-out: do not change it while iterating. */
    List<Subscription> subscribers() {
        return subscribers;
    }

    // ---- catch-up and quiet checks ----

    /** Claims the feed's one catch-up read; false when one is in flight already. */
    boolean startCatchUp() {
        if (catchUpPending) {
            return false;
        }
        catchUpPending = true;
        return true;
    }

    void catchUpDone() {
        catchUpPending = false;
    }

    boolean catchingUp() {
        return catchUpPending;
    }

    /** Initialized, not catching up, and no event since {@code quietSinceMillis}. */
    boolean quietSince(long quietSinceMillis) {
        return lastSeq >= 0 && !catchUpPending && lastEventAtMillis < quietSinceMillis;
    }

    /** The database was just checked: the feed counts as having heard from it. */
    void checked(long nowMillis) {
        lastEventAtMillis = nowMillis;
    }

    // ---- presence ----

    /** Whether {@code online} differs from what this feed's readers were last told; remembers it. */
    boolean presenceChanged(long online) {
        if (online == lastPresence) {
            return false;
        }
        lastPresence = online;
        return true;
    }

    private void flush() {
        while (!ahead.isEmpty()) {
            long first = ahead.firstKey();
            if (first <= lastSeq) {
                ahead.pollFirstEntry();
            } else if (first == lastSeq + 1) {
                Delivery d = ahead.pollFirstEntry().getValue();
                lastSeq = d.seq;
                fanout.deliver(this, d);
            } else {
                fanout.gap(this);
                return;
            }
        }
    }
}
