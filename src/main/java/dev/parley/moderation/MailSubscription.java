package dev.parley.moderation;

import java.time.Instant;

/** An author's request to be mailed replies to one comment, as their data export shows it. */
public record MailSubscription(long commentId, String address, Instant confirmedAt, Instant createdAt) {
}
