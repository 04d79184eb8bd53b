package dev.parley.transfer;

import java.time.Instant;

/**
 * One comment as a source file holds it, in Parley's terms: {@code thread} is the key it goes to
 * (from {@code page}, the URL it was written on, for foreign formats), {@code body} is Markdown,
 * {@code authorKey} the source's stable identity of its author (user name, user id, or email) from
 * which an author id is derived, or null. {@code carried}: what only Parley's own export has.
 */
record SourceComment(String id, String page, String thread, String parent, String author, String authorKey,
                     String body, Instant createdAt, Instant editedAt, Carried carried) {

    /** A Parley comment's own state, which an import of Parley's export keeps as it was. */
    record Carried(String authorId, String ipHash, boolean verified, String avatar, boolean deleted,
                   String deletedBy, boolean pending) {
    }
}
