package dev.parley.moderation;

import java.time.Instant;

/** One moderation action: who did what to which target, and when. */
public record AuditEntry(Instant at, String actor, String action, String target, String detail) {
}
