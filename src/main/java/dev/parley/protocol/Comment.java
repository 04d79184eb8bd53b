package dev.parley.protocol;

import java.time.Instant;

/**
 * The protocol's comment object. {@code verified}/{@code avatar} describe a signed-in (SSO)
 * author; a {@code pending} comment waits for a moderator and has no thread seq yet (shown as 0).
 * {@code authorKey} is a short public value, the same for every comment of one author, from which
 * the widget draws an avatar; it reveals nothing of the author id it is derived from (null when
 * deleted, or when the author is not known).
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
        boolean pending,
        String authorKey) {

    /** What readers may see: a deleted comment keeps its place in the tree, its content is blank. */
    public Comment visible() {
        return deleted
                ? new Comment(id, thread, seq, parent, "", "", "", createdAt, editedAt, true, false, null, pending, null)
                : this;
    }
}
