package dev.parley.feed;

import dev.parley.protocol.Comment;
import java.time.Instant;
import java.util.List;

/** What feeds need from the database: the newest visible comments, and the page each thread is on. */
public interface FeedStore {

    /** A thread's newest comments shown to readers, newest first, read in one snapshot with its seq. */
    Entries thread(String thread, int limit);

    /** The newest comments shown to readers across every thread of one site, newest first. */
    Entries site(String site, int limit);

    /** Records the page a thread is shown on (last reported wins). */
    void page(String thread, String url, Instant now);

    /** {@code seq}: the thread's latest event seq when read (0 for the site feed). */
    record Entries(long seq, List<Entry> entries) {
    }

    /** A comment and the page its thread is on (null when unknown). */
    record Entry(Comment comment, String pageUrl) {
    }
}
