package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadEvent;
import java.time.Clock;
import java.util.Optional;

/**
 * The rules of comments: render once at write time, store, then publish. Plain blocking Java: the
 * web edge calls it from worker threads, never from an event loop.
 */
public final class CommentService {
    public static final int MAX_PAGE = 500;

    private final CommentStore store;
    private final Markdown markdown;
    private final EventPublisher publisher;
    private final Clock clock;

    public CommentService(CommentStore store, Markdown markdown, EventPublisher publisher, Clock clock) {
        this.store = store;
        this.markdown = markdown;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Creates a comment, or returns the one already stored under its idempotency key. */
    public CommentStore.Posted post(NewComment c) {
        CommentStore.Posted posted = store.create(c, markdown.render(c.body()), clock.instant());
        if (!posted.replayed()) {
            publisher.publish(posted.event());
        }
        return posted;
    }

    public ThreadEvent edit(long id, String body) {
        ThreadEvent event = store.edit(id, body, markdown.render(body), clock.instant())
                .orElseThrow(() -> notFound(id));
        publisher.publish(event);
        return event;
    }

    /** Deletes a comment; deleting one already deleted changes nothing and succeeds. */
    public void delete(long id) {
        Optional<ThreadEvent> event = store.delete(id, clock.instant());
        if (event.isPresent()) {
            publisher.publish(event.get());
        } else if (store.find(id).isEmpty()) {
            throw notFound(id);
        }
    }

    public CommentStore.Page<Comment> comments(String thread, long after, int limit) {
        return store.comments(thread, after, limit);
    }

    public CommentStore.Page<ThreadEvent> events(String thread, long after, int limit) {
        return store.events(thread, after, limit);
    }

    public CommentStore.ThreadStats stats(String thread) {
        return store.stats(thread);
    }

    public java.util.Map<String, Long> latestSeqs(java.util.Collection<String> threads) {
        return store.latestSeqs(threads);
    }

    private static ApiException notFound(long id) {
        return new ApiException(ErrorCode.NOT_FOUND, "comment " + id + " not found");
    }
}
