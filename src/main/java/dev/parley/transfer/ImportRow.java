package dev.parley.transfer;

import java.time.Instant;

/**
 * One comment ready to be stored by an import: checked, named, rendered. {@code sourceId} is the
 * id it had at the source (the import's idempotency key), {@code parentSourceId} its parent's.
 * Foreign formats bring neither addresses nor deleted or pending comments; Parley's own export
 * brings them all back as they were.
 */
public record ImportRow(String sourceId, String parentSourceId, String author, String body, String html,
                        Instant createdAt, Instant editedAt, String authorId, String ipHash, boolean verified,
                        String avatar, boolean deleted, String deletedBy, boolean pending) {
}
