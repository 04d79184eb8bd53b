package dev.parley.web;

import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.protocol.Comment;
import dev.parley.protocol.Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/comments}: pages of a thread's comments, each at most {@link #MAX_PAGE_BYTES}
 * (a page of long comments stops early and says {@code "more":true}), the first page from the
 * {@link PageCache}. Runs on a worker thread, except {@link #cached}.
 */
final class CommentPages {
    /** No page answer is bigger than this, whatever its limit: 500 long comments would be ~50 MB. */
    static final int MAX_PAGE_BYTES = 1024 * 1024;

    private final CommentService comments;
    private final Frames frames;
    private final PageCache cache;

    CommentPages(CommentService comments, Frames frames, PageCache cache) {
        this.comments = comments;
        this.frames = frames;
        this.cache = cache;
    }

    /** The first page from the cache, for a node that need not check it (null: not cached). */
    byte[] cached(String thread, int limit) {
        PageCache.Page page = cache.get(thread);
        return page == null ? null : slice(thread, page, limit);
    }

    /**
     * The first page: the cached one if its seq is still {@code latest} (checked when not null),
     * else read from the database (the canonical page: as many comments as any request may ask
     * for) and cached unless the thread changed meanwhile.
     */
    byte[] first(String thread, int limit, boolean check) {
        PageCache.Page cached = cache.get(thread);
        if (cached != null && (!check || cached.seq() == comments.stats(thread).seq())) {
            return slice(thread, cached, limit);
        }
        long version = cache.version(thread);
        PageCache.Page page = read(thread, 0, CommentService.MAX_PAGE);
        cache.put(thread, version, page);
        return slice(thread, page, limit);
    }

    /** A later page ({@code after} > 0), never cached. */
    byte[] after(String thread, long after, int limit) {
        PageCache.Page page = read(thread, after, limit);
        return frames.commentPage(thread, page.seq(), page.comments(), page.more());
    }

    /** Reads one more comment than asked, to know whether more follow, and stops at the byte cap. */
    private PageCache.Page read(String thread, long after, int limit) {
        CommentStore.Page<Comment> rows = comments.comments(thread, after, limit + 1);
        List<byte[]> encoded = new ArrayList<>(Math.min(limit, rows.items().size()));
        long bytes = 0;
        boolean more = rows.items().size() > limit;
        for (Comment c : rows.items().subList(0, Math.min(limit, rows.items().size()))) {
            byte[] json = frames.comment(c);
            if (!encoded.isEmpty() && bytes + json.length > MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            encoded.add(json);
            bytes += json.length + 1;
        }
        return new PageCache.Page(rows.seq(), List.copyOf(encoded), more, bytes);
    }

    private byte[] slice(String thread, PageCache.Page page, int limit) {
        int n = Math.min(limit, page.comments().size());
        boolean more = n < page.comments().size() || page.more();
        return frames.commentPage(thread, page.seq(), page.comments().subList(0, n), more);
    }
}
