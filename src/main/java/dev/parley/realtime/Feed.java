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

    final String thread;
    final List<Subscription> subscribers = new ArrayList<>();
    final TreeMap<Long, Delivery> ahead = new TreeMap<>();
    long lastSeq = -1;
    long lastPresence = -1;
    /** A database read for this feed is in flight: never more than one. */
    boolean catchUpPending;
    /** When the feed last received an event, for the quiet-period check. */
    long lastEventAtMillis = System.currentTimeMillis();
    private final Fanout fanout;

    interface Fanout {
        void deliver(Feed feed, Delivery delivery);

        void gap(Feed feed);
    }

    Feed(String thread, Fanout fanout) {
        this.thread = thread;
        this.fanout = fanout;
    }

    void accept(Delivery d) {
        lastEventAtMillis = System.currentTimeMillis();
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

    boolean hasGap() {
        return lastSeq >= 0 && !ahead.isEmpty();
    }

    /** The first seq missing before the events waiting in {@code ahead}. */
    long gapEnd() {
        return ahead.firstKey() - 1;
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
