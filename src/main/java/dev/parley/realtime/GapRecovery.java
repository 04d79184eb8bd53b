package dev.parley.realtime;

import dev.parley.comment.CommentService;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ThreadEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills what a feed is missing from the database, the source of truth: a gap in the seqs (after
 * a short wait, since the missing event may just be late), every feed after a broker outage, and
 * feeds that stayed quiet while the broker may have dropped their events.
 */
final class GapRecovery {
    private static final Logger log = LoggerFactory.getLogger(GapRecovery.class);
    static final int PAGE = 100;

    private final ShardLoop loop;
    private final Feeds feeds;
    private final CommentService comments;
    private final Frames frames;
    private final Metrics metrics;
    private final long gapWaitMillis;

    GapRecovery(ShardLoop loop, Feeds feeds, CommentService comments, Frames frames, Metrics metrics,
                long gapWaitMillis) {
        this.loop = loop;
        this.feeds = feeds;
        this.comments = comments;
        this.frames = frames;
        this.metrics = metrics;
        this.gapWaitMillis = gapWaitMillis;
    }

    /** Some seqs are missing: wait briefly for them (they may just be late), then read them. */
    void gap(Feed feed) {
        if (!feed.startCatchUp()) {
            return;
        }
        loop.timer(gapWaitMillis, () -> {
            feed.catchUpDone();
            if (feed.hasGap()) {
                catchUp(feed);
            }
        });
    }

    /** Every feed reads what it may have missed (after a broker outage). */
    void catchUpAll() {
        for (Feed feed : feeds.all()) {
            catchUp(feed);
        }
    }

    /** Reads the events after the feed's last seq from the database and delivers them in order. */
    void catchUp(Feed feed) {
        if (!feed.initialized() || !feeds.current(feed) || !feed.startCatchUp()) {
            return;
        }
        long from = feed.lastSeq();
        metrics.gapFills.increment();
        loop.fetch(() -> comments.events(feed.thread, from, PAGE).items()).onComplete(result -> {
            feed.catchUpDone();
            if (result.failed()) {
                log.warn("catch-up for thread {} failed: {}", feed.thread, result.cause().toString());
                if (feed.hasGap()) {
                    gap(feed);
                }
                return;
            }
            for (ThreadEvent e : result.result()) {
                feed.accept(Delivery.of(e, frames.event(e)), loop.nowMillis());
            }
            if (result.result().size() == PAGE || feed.hasGap()) {
                catchUp(feed);
            }
        });
    }

    /**
     * Feeds quiet for {@code quietMillis} are compared with the database (one query for all of
     * them) and caught up if they are behind: a broker that can lose events loses nothing here.
     */
    void checkQuietFeeds(long quietMillis) {
        long now = loop.nowMillis();
        List<Feed> quiet = feeds.all().stream().filter(f -> f.quietSince(now - quietMillis)).toList();
        if (quiet.isEmpty()) {
            return;
        }
        List<String> threads = quiet.stream().map(f -> f.thread).toList();
        loop.fetch(() -> comments.latestSeqs(threads)).onSuccess(latest -> {
            for (Feed feed : quiet) {
                feed.checked(loop.nowMillis());
                if (latest.getOrDefault(feed.thread, 0L) > feed.lastSeq()) {
                    catchUp(feed);
                }
            }
        }).onFailure(failure -> log.debug("quiet-feed check failed: {}", failure.toString()));
    }
}
