package dev.parley.web;

import dev.parley.comment.Actor;
import dev.parley.comment.CommentRules;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Poster;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Score;
import dev.parley.protocol.VoteFrames;
import dev.parley.vote.VoteStore;
import dev.parley.vote.Voter;
import dev.parley.vote.Votes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Votes and scores over REST (docs/protocol.md, "Votes"): casting a vote, the scores that changed
 * since a score version, the "Top" order, and a moderator clearing an author's or address's votes.
 */
public final class VotesApi {
    /** Top-level comments one "Top" page may ask for, and replies it carries at most. */
    static final int MAX_TOP = 50;
    static final int MAX_TOP_REPLIES = 200;

    private final Votes votes;
    private final CommentsApi api;
    private final Identities identities;
    private final Frames frames;
    private final VoteFrames voteFrames;

    public VotesApi(Votes votes, CommentsApi api, Identities identities, Frames frames, VoteFrames voteFrames) {
        this.votes = votes;
        this.api = api;
        this.identities = identities;
        this.frames = frames;
        this.voteFrames = voteFrames;
    }

    /**
     * {@code POST /api/v1/comments/{id}/vote} with {@code {"value":1|-1|0}}: an anonymous reader by
     * their author token (a reader without one gets one, in this answer only), a signed-in one by
     * {@code "sso"}, like a post.
     */
    public void vote(RoutingContext ctx) {
        long id = CommentsApi.id(ctx);
        JsonObject body = api.body(ctx);
        int value = value(body.getValue("value"));
        String ipHash = api.addressHash(ctx);
        String site = SiteParam.of(ctx).name();
        Poster who = identities.poster(Identities.optionalBearer(ctx.request().getHeader("Authorization")),
                CommentRules.optionalString(body, "sso"), ipHash, site).poster();
        Voter voter = new Voter(who.authorId(), ipHash, who.verified(), who.newAuthor(), site);
        api.respond(ctx, 200, () -> {
            VoteStore.Cast cast = votes.vote(id, voter, value);
            return voteFrames.vote(cast.score(), value, voter.newVoter() ? identities.authorToken(voter.authorId()) : null);
        });
    }

    private static int value(Object raw) {
        if (raw instanceof Number n && n.doubleValue() == n.intValue() && Math.abs(n.intValue()) <= 1) {
            return n.intValue();
        }
        throw new ApiException(ErrorCode.INVALID_JSON, "value must be 1 (up), -1 (down) or 0 (withdraw)");
    }

    /** {@code GET /api/v1/scores?thread=T&after=V&limit=L}: counts changed after score version V. */
    public void scores(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        long after = CommentsApi.number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) CommentsApi.number(ctx, "limit", Votes.MAX_SCORES, 1, Votes.MAX_SCORES);
        api.respond(ctx, 200, () -> {
            CommentStore.Page<Score> page = votes.scores(thread, after, limit + 1);
            boolean more = page.items().size() > limit;
            return voteFrames.scores(thread, page.seq(), page.items().subList(0, Math.min(limit, page.items().size())), more);
        });
    }

    /**
     * {@code GET /api/v1/comments?thread=T&order=top&offset=O&limit=L}: L top-level comments by
     * score from the O-th, each followed by its replies, at most {@link CommentPages#MAX_PAGE_BYTES}
     * of comments: a page cut there says where to go on ({@code next}) and whether replies were left out.
     */
    public void top(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        int offset = (int) CommentsApi.number(ctx, "offset", 0, 0, 1_000_000);
        int limit = (int) CommentsApi.number(ctx, "limit", 20, 1, MAX_TOP);
        api.respond(ctx, 200, () -> {
            VoteStore.Top top = votes.top(thread, offset, limit, MAX_TOP_REPLIES);
            List<byte[]> encoded = new ArrayList<>();
            Set<Long> shown = new HashSet<>();
            int roots = 0;
            long bytes = 0;
            boolean cut = false;
            for (Comment c : top.comments()) {
                byte[] json = frames.comment(c);
                if (!encoded.isEmpty() && bytes + json.length > CommentPages.MAX_PAGE_BYTES) {
                    cut = true;
                    break;
                }
                encoded.add(json);
                shown.add(c.id());
                bytes += json.length + 1;
                roots += c.parent() == null ? 1 : 0;
            }
            boolean rootsCut = cut && top.comments().stream().anyMatch(c -> c.parent() == null && !shown.contains(c.id()));
            return voteFrames.top(thread, top.seq(), top.scoreSeq(), encoded,
                    top.scores().stream().filter(s -> shown.contains(s.commentId())).toList(),
                    top.more() || rootsCut, offset + roots, top.repliesCut() || hasCutReplies(cut, top, shown));
        });
    }

    private static boolean hasCutReplies(boolean cut, VoteStore.Top top, Set<Long> shown) {
        return cut && top.comments().stream().anyMatch(c -> c.parent() != null && !shown.contains(c.id()));
    }

    /** {@code DELETE /api/v1/admin/votes?authorId=A} (or {@code ipHash=H}): {@code {"cleared":N}} comments' counts changed. */
    public void clear(RoutingContext ctx) {
        String authorId = ctx.queryParams().get("authorId");
        String ipHash = ctx.queryParams().get("ipHash");
        Actor.Moderator moderator = ModeratorGate.serverAdmin(ctx, "voters span sites: only the server's admin token clears votes");
        api.respond(ctx, 200, () -> new JsonObject().put("cleared", votes.clear(moderator.name(), authorId, ipHash))
                .encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
