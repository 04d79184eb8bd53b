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

    public Posting(Identities identities, CommentService comments, Metrics metrics) {
        this.identities = identities;
        this.comments = comments;
        this.metrics = metrics;
    }

    /**
     * Reads and checks a post for {@code site} (honeypot, identity, fields); a refusal is counted
     * and thrown.
     */
    public Identities.Post read(JsonObject body, String authorToken, String idempotencyKey, String ipHash,
                                String site) {
        try {
            return identities.readPost(body, authorToken, idempotencyKey, ipHash, site);
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
    public Future<Accepted> commit(Identities.Post post, Lane lane, String requestId) {
        long receivedNanos = System.nanoTime();
        return lane.run(() -> comments.post(post.comment(), post.who().poster())).transform(result -> {
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
