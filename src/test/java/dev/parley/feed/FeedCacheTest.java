package dev.parley.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedCacheTest {
    @Test
    void holdsNoMoreBytesThanItsBoundWhateverIsPut() {
        long max = 1024 * 1024;
        FeedCache cache = new FeedCache(max, Duration.ofMinutes(10));
        for (int i = 0; i < 2_000; i++) {
            String thread = "/t" + i;
            cache.put(FeedCache.threadKey(Format.ATOM, thread), thread, cache.version(thread),
                    new FeedCache.Feed(new byte[10_000 + i], i, 0));
        }
        assertThat(cache.weight()).isLessThanOrEqualTo(max).isGreaterThan(max / 2);
    }

    @Test
    void aFeedReadWhileItsThreadChangedIsNotKept() {
        FeedCache cache = new FeedCache(1024 * 1024, Duration.ofMinutes(10));
        long before = cache.version("/t");
        cache.changed("/t");
        cache.put(FeedCache.threadKey(Format.RSS, "/t"), "/t", before, new FeedCache.Feed(new byte[10], 1, 0));
        assertThat(cache.get(FeedCache.threadKey(Format.RSS, "/t"))).isNull();
    }
}
