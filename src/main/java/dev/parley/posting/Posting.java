package dev.parley.posting;

import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Failures;
import dev.parley.identity.Identities;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Taking a new comment from either transport, REST or WebSocket: read who posts and what (cheap,
 * on the caller's thread), commit it off the event loop, and count the outcome. Each transport
 * only says how it answers.
 */
public final class Posting {
    /** A committed (or replayed) post with what its poster alone is told. */
    public record Accepted(CommentStore.Posted posted, String authorToken, Instant editableUntil) {
        public Comment comment() {
            return posted.event().comment();
        }

        public boolean replayed() {
            return posted.replayed();
        }
    }

    private final Identities identities;
    private final CommentService comments;
    private final Metrics metrics;
    private final AfterPost after;

    /** A post read and checked, with what the {@link AfterPost} parts read from it. */
    public record Request(Identities.Post post, Object extras) {
        public Identities.PostIdentity who() {
            return post.who();
        }
    }

    /** Posts that carry nothing besides the comment. */
    public Posting(Identities identities, CommentService comments, Metrics metrics) {
        this(identities, comments, metrics, AfterPost.NONE);
    }

    public Posting(Identities identities, CommentService comments, Metrics metrics, AfterPost after) {
        this.identities = identities;
        this.comments = comments;
        this.metrics = metrics;
        this.after = after;
    }

    /**
     * Reads and checks a post for {@code site} (honeypot, identity, fields, extras); a refusal is
     * counted and thrown.
     */
    public Request read(JsonObject body, String authorToken, String idempotencyKey, String ipHash, String site) {
        try {
            Identities.Post post = identities.readPost(body, authorToken, idempotencyKey, ipHash, site);
            return new Request(post, after.read(body));
        } catch (ApiException e) {
            metrics.postRejected(e.code().wire());
            throw e;
        }
    }

    /**
     * Commits a post read by {@link #read} through {@code lane} ({@code requestId}: logged with an
     * unexpected failure, null when there is none). The future fails with an
     * {@link ApiException} the client may hear (already counted); it completes on the caller's
     * context.
     */
    public Future<Accepted> commit(Request request, Lane lane, String requestId) {
        long receivedNanos = System.nanoTime();
        Identities.Post post = request.post();
        return lane.run(() -> {
            CommentStore.Posted posted = comments.post(post.comment(), post.who().poster());
            after.committed(posted, post.who().poster(), request.extras());
            return posted;
        }).transform(result -> {
            if (result.failed()) {
                ApiException error = Failures.toApi(result.cause(), requestId);
                metrics.postRejected(error.code().wire());
                return Future.failedFuture(error);
            }
            CommentStore.Posted posted = result.result();
            if (!posted.replayed()) {
                metrics.postAccepted(receivedNanos);
            }
            // The author token goes to the comment's owner alone: a replay by anyone else has none.
            return Future.succeededFuture(new Accepted(posted, identities.answerToken(posted),
                    comments.editableUntil(posted.event().comment())));
        });
    }
}
