package dev.parley.realtime;

import dev.parley.comment.CommentService;
import dev.parley.metrics.Metrics;
import dev.parley.posting.Posting;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;

/**
 * The realtime core of one node: what its shards share (the hub, broker interest, presence,
 * comments, settings), and the factory of one {@link Shard} per event loop.
 */
public final class Realtime {
    final Hub hub;
    final Interest interest;
    final Presence presence;
    final CommentService comments;
    final Posting posting;
    final Json json;
    final Frames frames;
    final Metrics metrics;
    final RealtimeSettings settings;

    public Realtime(Hub hub, Interest interest, Presence presence, CommentService comments, Posting posting, Json json,
                    Frames frames, Metrics metrics, RealtimeSettings settings) {
        this.hub = hub;
        this.interest = interest;
        this.presence = presence;
        this.comments = comments;
        this.posting = posting;
        this.json = json;
        this.frames = frames;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** The shard of one event loop. */
    public Shard shard(ShardLoop loop) {
        return new Shard(loop, this);
    }
}
