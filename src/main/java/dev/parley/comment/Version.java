package dev.parley.comment;

import java.time.Instant;

/**
 * An earlier text of an edited comment: what it said from {@code writtenAt} (its creation or an
 * earlier edit) until the edit at {@code replacedAt}, made by its "author" or a "moderator".
 */
public record Version(long commentId, String body, String html, Instant writtenAt, Instant replacedAt,
                      String editedBy) {
}
