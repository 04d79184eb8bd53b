package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of comments: who may post, edit and delete, render once at write time, store, then
 * publish. Plain blocking Java: the web edge calls it from worker threads, never an event loop.
 */
public final class CommentService {
    public static final int MAX_PAGE = 500;

    private final CommentStore store;
    private final Markdown markdown;
    private final EventPublisher publisher;
    private final Guard guard;
    private final Duration editWindow;
    private final Clock clock;

    public CommentService(CommentStore store, Markdown markdown, EventPublisher publisher, Guard guard,
                          Duration editWindow, Clock clock) {
        this.store = store;
        this.markdown = markdown;
        this.publisher = publisher;
        this.guard = guard;
        this.editWindow = editWindow;
        this.clock = clock;
    }

    /**
     * Creates a comment, or returns the one already stored under its idempotency key (before any
     * limit is counted, so a retry is never refused). With pre-moderation on, the comment waits
     * for approval and reaches no one but its author.
     */
    public CommentStore.Posted post(NewComment c, Poster poster) {
        Optional<CommentStore.Posted> replay = replay(c);
        if (replay.isPresent()) {
            return replay.get();
        }
        guard.checkRate(poster);
        Instant now = clock.instant();
        // Rendered once: the content checks read what readers will see, and the store keeps it.
        String html = markdown.render(c.body());
        ModerationSettings settings;
        try {
            settings = guard.checkPost(c, html, poster, now);
        } catch (ApiException refused) {
            // A concurrent request with the same key may have committed meanwhile (and now looks
            // like a duplicate of this one): it is this request's answer, not a refusal.
            return replay(c).orElseThrow(() -> refused);
        }
        CommentStore.Posted posted = store.create(c, poster, html, now, settings.premoderation());
        if (!posted.replayed() && !posted.event().comment().pending()) {
            publisher.publish(posted.event());
        }
        return posted;
    }

    private Optional<CommentStore.Posted> replay(NewComment c) {
        if (c.idempotencyKey() == null) {
            return Optional.empty();
        }
        return store.findByKey(c.thread(), c.idempotencyKey()).map(original ->
                new CommentStore.Posted(new ThreadEvent(c.thread(), original.seq(), EventType.COMMENT, original), true));
    }

    /**
     * A draft rendered as it would be posted, stored nowhere. Rate-limited per address; blocked
     * words are not checked here (the post says so), so a preview does not probe the list.
     */
    public String preview(String body, String ipHash) {
        guard.checkPreviewRate(ipHash);
        return markdown.render(body);
    }

    public ThreadEvent edit(long id, String body, Actor actor) {
        StoredComment stored = authorize(id, actor);
        String html = markdown.render(body);
        guard.checkContent(body, html);
        ThreadEvent event = store.edit(id, body, html, clock.instant()).orElseThrow(() -> notFound(id));
        publisher.publish(event);
        return event;
    }

    /** Deletes a comment; deleting one already deleted changes nothing and succeeds. */
    public void delete(long id, Actor actor) {
        authorize(id, actor);
        store.delete(id, clock.instant(), actor instanceof Actor.Moderator).ifPresent(publisher::publish);
    }

    /** Authors may change their own comments within the edit window; moderators any, any time. */
    private StoredComment authorize(long id, Actor actor) {
        StoredComment stored = store.findStored(id).orElseThrow(() -> notFound(id));
        if (actor instanceof Actor.Author author) {
            if (!author.authorId().equals(stored.authorId())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only its author or a moderator may change this comment");
            }
            if (stored.comment().createdAt().plus(editWindow).isBefore(clock.instant())) {
                throw new ApiException(ErrorCode.EDIT_WINDOW_CLOSED,
                        "comments can be changed for " + editWindow.toMinutes() + " minutes after posting");
            }
        }
        return stored;
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

    public Map<String, Long> latestSeqs(Collection<String> threads) {
        return store.latestSeqs(threads);
    }

    /** Comments readers see, per thread; a thread never written counts 0. */
    public Map<String, Long> counts(Collection<String> threads) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> stored = store.counts(threads);
        for (String thread : threads) {
            counts.put(thread, stored.getOrDefault(thread, 0L));
        }
        return counts;
    }

    /** Whether a banned author or address may still open a socket: no. */
    public boolean banned(String authorId, String ipHash) {
        return store.banned(authorId, ipHash, clock.instant());
    }

    public Duration editWindow() {
        return editWindow;
    }

    /** Until when the comment's author may edit or delete it (moderators: always). */
    public Instant editableUntil(Comment comment) {
        return comment.createdAt().plus(editWindow);
    }

    private static ApiException notFound(long id) {
        return new ApiException(ErrorCode.NOT_FOUND, "comment " + id + " not found");
    }
}
