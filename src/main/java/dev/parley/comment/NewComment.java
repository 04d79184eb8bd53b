package dev.parley.comment;

/** A validated request to create a comment: trimmed author and body, optional parent and idempotency key. */
public record NewComment(String thread, Long parent, String author, String body, String idempotencyKey) {
}
