package dev.parley.protocol;

import java.time.Instant;

/**
 * The protocol's comment object. {@code verified}/{@code avatar} describe a signed-in (SSO)
 * author; a {@code pending} comment waits for a moderator and has no thread seq yet (shown as 0).
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
        boolean deleted,
        boolean verified,
        String avatar,
        boolean pending) {

    /** What readers may see: a deleted comment keeps its place in the tree, its content is blank. */
    public Comment visible() {
        return deleted
                ? new Comment(id, thread, seq, parent, "", "", "", createdAt, editedAt, true, false, null, pending)
                : this;
    }
}
