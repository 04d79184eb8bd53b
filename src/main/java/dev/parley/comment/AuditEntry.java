package dev.parley.comment;

import java.time.Instant;

/** One moderation action: who did what to which target, and when; on which site (null: server-wide). */
public record AuditEntry(Instant at, String actor, String action, String target, String detail, String site) {
    public AuditEntry(Instant at, String actor, String action, String target, String detail) {
        this(at, actor, action, target, detail, null);
    }

    /** Targets that name a person; an erasure or the address retention rewrites them. */
    public static final String AUTHOR = "author ";
    public static final String ADDRESS = "ip ";
    /** What a target naming an erased author (or one of their addresses) becomes. */
    public static final String ERASED = "erased author";
    /** What a target naming an address hash past its retention becomes. */
    public static final String FORGOTTEN = "forgotten address";
}
