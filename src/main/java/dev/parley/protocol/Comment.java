package dev.parley.protocol;

import java.time.Instant;

/**
 * The protocol's comment object, in its current state. A deleted comment keeps its place in the tree
 * (id, thread, seq, parent, createdAt) while author, body and html are empty.
 */
public record Comment(
        long id,
        String thread,
        long seq,
        Long parent,
        String author,
        String body,
        String html,
        Instant createdAt,
        Instant editedAt,
        boolean deleted) {

    public Comment {
        if (deleted) {
            author = "";
            body = "";
            html = "";
        }
    }
}
