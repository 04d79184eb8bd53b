package dev.parley.web;

import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.ThreadKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A thread read as a tree (docs/protocol.md, "Tree pages"), for readers of long threads: pages of
 * top-level comments with their replies ({@code GET /api/v1/comments?order=newest|oldest}), and one
 * comment in its context ({@code GET /api/v1/comments/{id}/context}), which a link to that comment
 * needs when its page is not loaded. Each answer holds at most {@link #MAX_ROOTS} top-level
 * comments, {@link #MAX_REPLIES} replies and {@link CommentPages#MAX_PAGE_BYTES} of comments, cut
 * at a top-level comment's end unless the first alone is over (then {@code repliesCut}). The first
 * page of each order is kept in the {@link PageCache} beside the first seq page, exact by the same
 * thread events; later pages and contexts are never cached. Runs on a worker thread, except
 * {@link #cached}.
 */
final class CommentTrees {
    static final int MAX_ROOTS = 100;
    static final int DEFAULT_ROOTS = 20;
    static final int MAX_REPLIES = CommentService.MAX_PAGE;

    private final CommentService comments;
    private final Frames frames;
    private final Json json;
    private final PageCache cache;

    CommentTrees(CommentService comments, Frames frames, Json json, PageCache cache) {
        this.comments = comments;
        this.frames = frames;
        this.json = json;
        this.cache = cache;
    }

    /** The first page from the cache, for a node that need not check it (null: not cached). */
    byte[] cached(String thread, boolean newestFirst, int limit) {
        PageCache.Tree tree = cache.tree(thread, newestFirst);
        return tree == null ? null : slice(thread, newestFirst, tree, limit, 0);
    }

    /**
     * The first page: the cached one if its seq is still the thread's latest (checked when
     * {@code check}), else read from the database as the canonical page ({@link #MAX_ROOTS}
     * top-level comments, which any smaller limit is a slice of) and cached unless the thread
     * changed meanwhile.
     */
    byte[] first(String thread, boolean newestFirst, int limit, boolean check) {
        PageCache.Tree cached = cache.tree(thread, newestFirst);
        if (cached != null && (!check || cached.seq() == comments.stats(thread).seq())) {
            return slice(thread, newestFirst, cached, limit, 0);
        }
        long version = cache.version(thread);
        PageCache.Tree tree = read(thread, newestFirst, 0, MAX_ROOTS);
        cache.putTree(thread, newestFirst, version, tree);
        return slice(thread, newestFirst, tree, limit, 0);
    }

    /** A later page, after {@code cursor} (newest first: {@code before}; oldest first: {@code after}); never cached. */
    byte[] after(String thread, boolean newestFirst, long cursor, int limit) {
        return slice(thread, newestFirst, read(thread, newestFirst, cursor, limit), limit, cursor);
    }

    /** Reads and encodes a page, cut at the end of a top-level comment at the byte cap. */
    private PageCache.Tree read(String thread, boolean newestFirst, long cursor, int limit) {
        CommentStore.Tree tree = comments.tree(thread, newestFirst, cursor, limit, MAX_REPLIES);
        List<byte[]> encoded = new ArrayList<>(tree.comments().size());
        List<long[]> roots = new ArrayList<>();
        long bytes = 0;
        boolean more = tree.more();
        boolean cut = tree.repliesCut();
        List<Comment> all = tree.comments();
        for (int from = 0; from < all.size(); ) {
            int to = from + 1;
            while (to < all.size() && all.get(to).parent() != null) {
                to++;
            }
            List<byte[]> group = all.subList(from, to).stream().map(frames::comment).toList();
            long size = group.stream().mapToLong(b -> b.length + 1).sum();
            if (bytes + size > CommentPages.MAX_PAGE_BYTES) {
                if (!encoded.isEmpty()) {
                    more = true;
                    break;
                }
                cut = true; // the first top-level comment alone is over: as many of its replies as fit
                more |= to < all.size();
                group = fit(group);
                size = CommentPages.MAX_PAGE_BYTES;
            }
            roots.add(new long[] {encoded.size(), all.get(from).seq()});
            encoded.addAll(group);
            bytes += size;
            from = to;
        }
        return new PageCache.Tree(tree.seq(), tree.count(), List.copyOf(encoded), List.copyOf(roots), more, cut, bytes);
    }

    /** The first {@code limit} top-level comments of a page with their replies. */
    private byte[] slice(String thread, boolean newestFirst, PageCache.Tree tree, int limit, long cursor) {
        int n = Math.min(limit, tree.roots().size());
        int end = n < tree.roots().size() ? (int) tree.roots().get(n)[0] : tree.comments().size();
        boolean more = n < tree.roots().size() || tree.more();
        long next = n == 0 ? cursor : tree.roots().get(n - 1)[1];
        return write(thread, tree.seq(), tree.count(), newestFirst ? "newest" : "oldest", tree.comments().subList(0, end),
                more, next, tree.repliesCut(), null);
    }

    /** Comment {@code id} in its context, if it belongs to the {@code site} asked for. */
    byte[] context(String site, long id) {
        CommentStore.Tree tree = comments.context(id, MAX_REPLIES);
        String thread = tree.comments().getFirst().thread();
        if (!ThreadKey.site(thread).equals(site)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "comment " + id + " not found"); // as if there were none
        }
        List<byte[]> encoded = new ArrayList<>();
        long bytes = 0;
        boolean cut = tree.repliesCut();
        Set<Long> chain = chain(tree.comments(), id);
        for (Comment c : tree.comments()) {
            byte[] one = frames.comment(c);
            boolean needed = chain.contains(c.id()) || c.parent() == null;
            if (!needed && bytes + one.length > CommentPages.MAX_PAGE_BYTES) {
                cut = true;
                continue;
            }
            encoded.add(one);
            bytes += one.length + 1;
        }
        return write(thread, tree.seq(), tree.count(), null, encoded, false, 0, cut, id);
    }

    private static List<byte[]> fit(List<byte[]> group) {
        List<byte[]> kept = new ArrayList<>();
        long bytes = 0;
        for (byte[] c : group) {
            if (!kept.isEmpty() && bytes + c.length > CommentPages.MAX_PAGE_BYTES) {
                break;
            }
            kept.add(c);
            bytes += c.length + 1;
        }
        return kept;
    }

    /** The comment and the comments on its way up to its top-level comment: always in the answer. */
    private static Set<Long> chain(List<Comment> comments, long id) {
        Map<Long, Long> parents = new HashMap<>();
        comments.forEach(c -> parents.put(c.id(), c.parent()));
        Set<Long> chain = new HashSet<>();
        for (Long at = id; at != null && chain.add(at); at = parents.get(at)) {
            // walks up; a repeat (never in a tree) ends it
        }
        return chain;
    }

    private byte[] write(String thread, long seq, long count, String order, List<byte[]> encoded, boolean more,
                         long next, boolean cut, Long comment) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("seq", seq);
            gen.writeNumberField("count", count);
            if (order != null) {
                gen.writeStringField("order", order);
            }
            if (comment != null) {
                gen.writeNumberField("comment", comment);
            }
            gen.writeArrayFieldStart("comments");
            for (byte[] c : encoded) {
                gen.writeRawValue(new String(c, StandardCharsets.UTF_8)); // encoded by Frames.comment
            }
            gen.writeEndArray();
            gen.writeBooleanField("more", more);
            if (order != null) {
                gen.writeNumberField("next", next);
            }
            gen.writeBooleanField("repliesCut", cut);
            gen.writeEndObject();
        });
    }
}
