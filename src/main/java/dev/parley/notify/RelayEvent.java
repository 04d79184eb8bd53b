package dev.parley.notify;

import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import dev.parley.protocol.EventType;
import java.time.Instant;

/**
 * One stored thread event as a consumer reads it: the thread's row id and key, the event's seq and
 * kind, when it was recorded, and its comment in its current state with its author id (for the
 * consumer's own decisions; what leaves the node is {@link #visible()}). {@code imported}: the
 * comment came from an import (transfer/), history rather than news: consumers pass it by.
 */
public record RelayEvent(long threadId, String thread, long seq, EventType type, Instant at, StoredComment stored,
                         boolean imported) {

    /** The comment as readers may see it now. */
    public Comment visible() {
        return stored.comment().visible();
    }

    /** A stable id for receivers to drop duplicates by: the thread's row id and the event's seq. */
    public String id() {
        return threadId + "-" + seq;
    }
}
