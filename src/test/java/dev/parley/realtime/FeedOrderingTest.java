package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.metrics.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A feed delivers seqs lastSeq+1, lastSeq+2, ... and nothing else, whatever order events arrive in. */
class FeedOrderingTest {
    private final List<Long> delivered = new ArrayList<>();
    private int gaps;
    private final Feed feed = new Feed("t", new Feed.Fanout() {
        @Override
        public void deliver(Feed f, Delivery d) {
            delivered.add(d.seq);
        }

        @Override
        public void gap(Feed f) {
            gaps++;
        }
    }, 0);

    private static Delivery event(long seq) {
        return new Delivery("t", seq, ("{\"seq\":" + seq + "}").getBytes(), Metrics.Out.COMMENT, 0);
    }

    @Test
    void eventsArrivingOutOfOrderAreDeliveredInSeqOrder() {
        feed.initialize(0);
        for (long seq : new long[] {3, 1, 2, 5, 4}) {
            feed.accept(event(seq), 0);
        }
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void duplicatesAndEventsAlreadyDeliveredAreDropped() {
        feed.initialize(2);
        feed.accept(event(1), 0);
        feed.accept(event(3), 0);
        feed.accept(event(3), 0);
        feed.accept(event(2), 0);
        assertThat(delivered).containsExactly(3L);
    }

    @Test
    void aMissingSeqHoldsTheRestAndReportsAGap() {
        feed.initialize(0);
        feed.accept(event(1), 0);
        feed.accept(event(3), 0);
        assertThat(delivered).containsExactly(1L);
        assertThat(gaps).isEqualTo(1);
        assertThat(feed.hasGap()).isTrue();
        feed.accept(event(2), 0);
        assertThat(delivered).containsExactly(1L, 2L, 3L);
        assertThat(feed.hasGap()).isFalse();
    }

    @Test
    void anUninitializedFeedCollectsUntilItsSnapshotSaysWhereToStart() {
        feed.accept(event(6), 0);
        feed.accept(event(5), 0);
        assertThat(delivered).isEmpty();
        feed.initialize(4);
        assertThat(delivered).containsExactly(5L, 6L);
    }

    @Test
    void eventsWaitingAheadAreBounded() {
        feed.initialize(0);
        for (long seq = 2; seq <= Feed.MAX_AHEAD + 500; seq++) {
            feed.accept(event(seq), 0);
        }
        feed.accept(event(1), 0);
        // The newest were dropped past the bound; the gap fill brings them back from storage.
        assertThat(delivered).hasSize(Feed.MAX_AHEAD);
        assertThat(delivered.get(delivered.size() - 1)).isEqualTo(Feed.MAX_AHEAD);
        assertThat(feed.hasGap()).isFalse();
    }
}
