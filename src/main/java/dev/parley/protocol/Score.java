package dev.parley.protocol;

/**
 * A comment's vote counts, as one vote (or a moderator's clearing) left them. {@code scoreSeq} is
 * the thread's score version when they changed: scores travel beside the thread's seq stream, not
 * in it, so a reader keeps for each comment the counts with the highest {@code scoreSeq} it has seen
 * and catches up with {@code GET /api/v1/scores?after=} its highest one (docs/protocol.md, "Votes").
 */
public record Score(String thread, long commentId, long up, long down, long scoreSeq) {
}
