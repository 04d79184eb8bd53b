package dev.parley.moderation;

import java.time.Instant;

/** A ban of one author id or one address hash until a moment, on one site ({@code site}) or all (null). */
public record Ban(long id, String authorId, String ipHash, Instant until, String reason, String site) {
}
