package dev.parley.comment;

import dev.parley.protocol.Comment;

/**
 * A comment as stored, for its author's and moderators' eyes: the content even when deleted by a
 * moderator, who wrote it and the hash of the address it came from.
 */
public record StoredComment(Comment comment, String authorId, String ipHash, String deletedBy) {
}
