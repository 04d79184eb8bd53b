package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import dev.parley.protocol.ThreadKey;
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
     * Creates a comment, or answers with the one already stored under its idempotency key (before
     * any limit is counted, so a retry is never refused). With pre-moderation on, the comment waits
     * for approval and reaches no one but its author.
     */
    public CommentStore.Posted post(NewComment c, Poster poster) {
        Optional<CommentStore.Posted> replay = replay(c, poster);
        if (replay.isPresent()) {
            return replay.get();
        }
        guard.checkRate(ThreadKey.site(c.thread()), poster);
        Instant now = clock.instant();
        // Rendered once: the content checks read what readers will see, and the store keeps it.
        String html = markdown.render(c.body());
        ModerationSettings settings;
        try {
            settings = guard.checkPost(c, html, poster, now);
        } catch (ApiException refused) {
            // A concurrent request with the same key may have committed meanwhile (and now looks
            // like a duplicate of this one): it is this request's answer, not a refusal.
            return replay(c, poster).orElseThrow(() -> refused);
        }
        CommentStore.Posted posted = store.create(c, poster, html, now, settings.premoderation());
        if (posted.replayed()) {
            return replay(c, poster).orElseThrow();
        }
        if (!posted.event().comment().pending()) {
            publisher.publish(posted.event());
        }
        return posted;
    }

    /**
     * The answer to a key that already committed in this thread. The original poster gets the
     * comment as they saw it and may have their token again: the same author token or sign-in, or,
     * for their first post (they had no token yet), no token from the same address. Anyone else
     * gets only what readers see: never the token, and a pending comment not at all.
     */
    private Optional<CommentStore.Posted> replay(NewComment c, Poster poster) {
        if (c.idempotencyKey() == null) {
            return Optional.empty();
        }
        return store.findByKey(c.thread(), c.idempotencyKey()).map(original -> {
            Comment comment = original.comment().visible();
            boolean owner = isOriginalPoster(original, poster);
            if (!owner && comment.pending()) {
                throw new ApiException(ErrorCode.CONFLICT, "this idempotency key belongs to another post");
            }
            return new CommentStore.Posted(new ThreadEvent(c.thread(), comment.seq(), EventType.COMMENT, comment), true,
                    owner ? original.authorId() : null);
        });
    }

    private boolean isOriginalPoster(StoredComment original, Poster poster) {
        if (original.authorId() == null) {
            return false; // erased: nobody owns it any more
        }
        if (!poster.newAuthor()) {
            return poster.authorId().equals(original.authorId());
        }
        return poster.ipHash() != null && poster.ipHash().equals(original.ipHash())
                && store.firstOfAuthor(original.comment().id(), original.authorId());
    }

    /**
     * A draft rendered as it would be posted, stored nowhere. Rate-limited per address; blocked
     * words are not checked here (the post says so), so a preview does not probe the list.
     */
    public String preview(String body, String ipHash) {
        guard.checkPreviewRate(ipHash);
        return markdown.render(body);
    }

    /**
     * Replaces a comment's body. Authors: within their edit rate, their own comment, within the
     * edit window, not while banned, not in a locked thread; moderators: any, any time.
     */
    public ThreadEvent edit(long id, String body, Actor actor) {
        StoredComment stored = authorize(id, actor, true);
        String html = markdown.render(body);
        guard.checkContent(ThreadKey.site(stored.comment().thread()), body, html);
        Instant now = clock.instant();
        ThreadEvent event = store.edit(id, body, html, now, moderatorAudit(actor, "edit", stored, now))
                .orElseThrow(() -> notFound(id));
        publisher.publish(event);
        return event;
    }

    /**
     * Deletes a comment; deleting one already deleted changes nothing and succeeds. Authors spend
     * the edit rate; a banned author may not; in a locked thread an author may still take their
     * own words back.
     */
    public void delete(long id, Actor actor) {
        StoredComment stored = authorize(id, actor, false);
        Instant now = clock.instant();
        store.delete(id, now, moderatorAudit(actor, "delete", stored, now)).ifPresent(publisher::publish);
    }

    /**
     * A moderator's change is audited in the change's own transaction, on the comment's site; an
     * author's own is not audited.
     */
    private static Optional<AuditEntry> moderatorAudit(Actor actor, String action, StoredComment stored, Instant now) {
        return actor instanceof Actor.Moderator m ? Optional.of(new AuditEntry(now, m.name(), action,
                "comment " + stored.comment().id(), "", ThreadKey.site(stored.comment().thread()))) : Optional.empty();
    }

    /**
     * Authors may change their own comments, within their rate and the edit window, unless banned
     * (or, to edit, the thread is locked); moderators any, any time. The rate comes first, so a
     * flood costs no database read.
     */
    private StoredComment authorize(long id, Actor actor, boolean editing) {
        guard.checkChangeRate(actor);
        StoredComment stored = store.findStored(id).orElseThrow(() -> notFound(id));
        if (actor instanceof Actor.Moderator moderator && !moderator.moderates(ThreadKey.site(stored.comment().thread()))) {
            // Comment ids are global: a site's moderator learns nothing of another site's comments.
            throw notFound(id);
        }
        if (actor instanceof Actor.Author author) {
            if (!author.authorId().equals(stored.authorId())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only its author or a moderator may change this comment");
            }
            if (stored.comment().createdAt().plus(editWindow).isBefore(clock.instant())) {
                throw new ApiException(ErrorCode.EDIT_WINDOW_CLOSED,
                        "comments can be changed for " + editWindow.toMinutes() + " minutes after posting");
            }
            guard.checkChange(stored.comment().thread(), author, editing, clock.instant());
        }
        return stored;
    }

    public CommentStore.Page<Comment> comments(String thread, long after, int limit) {
        return store.comments(thread, after, limit);
    }

    public CommentStore.Tree tree(String thread, boolean newestFirst, long cursor, int limit, int maxReplies) {
        return store.tree(thread, newestFirst, cursor, limit, maxReplies);
    }

    /** Comment {@code id} in its context (CommentStore#context); not_found when readers may not see it. */
    public CommentStore.Tree context(long id, int maxReplies) {
        return store.context(id, maxReplies).orElseThrow(() -> notFound(id));
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
    public boolean banned(String authorId, String ipHash, String site) {
        return store.banned(authorId, ipHash, site, clock.instant());
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
