package dev.parley.comment;

import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The abuse checks a post passes before it is stored, in the protocol's order: rate limits
 * (429) first, then bans, locks, names and content (403/400/409).
 */
public final class Guard {
    /**
     * Post limits and content heuristics; built from the configuration. Changes (edits and
     * deletions, one budget) are limited like posts: each one reaches every reader of the thread.
     */
    public record Rules(Limit postsPerAddress, Limit postsPerAuthor, int maxLinks, Duration duplicateWindow,
                        Limit changesPerAddress, Limit changesPerAuthor) {
    }

    /**
     * Previews per address: a reader checks a draft a few times before posting, while a script
     * could use rendering as free CPU. Not a setting: generous for people, a wall for loops.
     */
    static final Limit PREVIEWS_PER_ADDRESS = new Limit(30, Duration.ofSeconds(2));

    private final CommentStore store;
    private final RateLimiter limiter;
    private final Rules rules;
    /** Built here, not in App: it is the guard's own cache of the compiled block list. */
    /** One content filter per site, each with its compiled block lists; bounded by the sites. */
    private final java.util.concurrent.ConcurrentHashMap<String, ContentFilter> content =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Guard(CommentStore store, RateLimiter limiter, Rules rules) {
        this.store = store;
        this.limiter = limiter;
        this.rules = rules;
    }

    /**
     * Per address, and per author when the author is known: a new author's id is new on every
     * post, so a bucket for it would limit nothing and only fill the limiter.
     */
    void checkRate(String site, Poster poster) {
        String scope = postScope(site);
        long wait = limiter.acquire(scope + "ip:" + poster.ipHash(), rules.postsPerAddress());
        if (!poster.newAuthor()) {
            wait = Math.max(wait, limiter.acquire(scope + "author:" + poster.authorId(), rules.postsPerAuthor()));
        }
        refuseAfter(wait, "too many comments");
    }

    /** An author's edit or deletion, per address and per author; moderators are not limited. */
    void checkChangeRate(Actor actor) {
        if (actor instanceof Actor.Author author) {
            long wait = Math.max(limiter.acquire("edit:ip:" + author.ipHash(), rules.changesPerAddress()),
                    limiter.acquire("edit:author:" + author.authorId(), rules.changesPerAuthor()));
            refuseAfter(wait, "too many edits");
        }
    }

    /**
     * An erased author: what the limits counted about them and their addresses is dropped, on
     * every one of {@code sites} (authors and addresses are the server's, posts counted per site).
     */
    public void forget(String authorId, List<String> ipHashes, Collection<String> sites) {
        limiter.forget("edit:author:" + authorId);
        for (String site : sites) {
            limiter.forget(postScope(site) + "author:" + authorId);
        }
        for (String ipHash : ipHashes) {
            for (String site : sites) {
                limiter.forget(postScope(site) + "ip:" + ipHash);
            }
            limiter.forget("edit:ip:" + ipHash);
            limiter.forget("preview:ip:" + ipHash);
        }
    }

    /** Each site has its own post budgets: being busy on one blog does not slow a reader on another. */
    private static String postScope(String site) {
        return site.equals(ThreadKey.DEFAULT_SITE) ? "post:" : "post:" + site + ":";
    }

    /** Nothing when {@code waitMillis} is 0; else 429 rate_limited saying {@code what} and when to try again. */
    public static void refuseAfter(long waitMillis, String what) {
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            throw new ApiException(ErrorCode.RATE_LIMITED, what + ": try again in " + seconds + " s", seconds);
        }
    }

    void checkPreviewRate(String ipHash) {
        refuseAfter(limiter.acquire("preview:ip:" + ipHash, PREVIEWS_PER_ADDRESS), "too many previews");
    }

    /**
     * Everything but the rate: bans, thread lock, reserved names, blocked content, links, duplicates.
     * {@code html} is the body as rendered for readers: the content checks look at that.
     */
    ModerationSettings checkPost(NewComment c, String html, Poster poster, Instant now) {
        CommentStore.PostChecks checks = store.postChecks(c, poster, now, now.minus(rules.duplicateWindow()));
        if (checks.banned()) {
            throw new ApiException(ErrorCode.BANNED, "you cannot comment here at the moment");
        }
        if (checks.locked()) {
            throw new ApiException(ErrorCode.THREAD_LOCKED, "this thread is closed for new comments");
        }
        if (!poster.verified() && checks.nameReserved()) {
            throw new ApiException(ErrorCode.INVALID_AUTHOR, "this name belongs to a signed-in user; choose another");
        }
        ModerationSettings settings = checkContent(ThreadKey.site(c.thread()), c.body(), html);
        if (checks.duplicate()) {
            throw new ApiException(ErrorCode.DUPLICATE, "you already posted this comment");
        }
        return settings;
    }

    /**
     * An author's edit ({@code editing}) or deletion of their own comment: refused while a ban
     * covers them or their address, and an edit also in a locked thread.
     */
    void checkChange(String thread, Actor.Author author, boolean editing, Instant now) {
        CommentStore.ChangeChecks checks = store.changeChecks(thread, author.authorId(), author.ipHash(), now);
        if (checks.banned()) {
            throw new ApiException(ErrorCode.BANNED, "you cannot comment here at the moment");
        }
        if (editing && checks.locked()) {
            throw new ApiException(ErrorCode.THREAD_LOCKED, "this thread is closed: its comments can no longer be edited");
        }
    }

    /**
     * The link limit, and the site's blocked words and domains, on {@code html}, the rendering of
     * {@code body}. One filter per site (each keeps its compiled lists), as many as there are sites.
     */
    ModerationSettings checkContent(String site, String body, String html) {
        ModerationSettings settings = store.settings(site);
        content.computeIfAbsent(site, s -> new ContentFilter(rules.maxLinks())).check(body, html, settings);
        return settings;
    }
}
