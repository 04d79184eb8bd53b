package dev.parley.moderation;

import dev.parley.comment.AuditEntry;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Moderation} needs from storage. Changes to threads take seqs like any other change.
 * Every change records its audit entry in its own transaction ({@code audit}: made from the
 * change's result), so the log has an entry exactly for each change that happened.
 */
public interface ModerationStore {

    /**
     * A moderator's list, newest first: comments of {@code site} (null: every site), of one thread
     * ({@code thread}: as clients name it, on every site when {@code site} is null; or null), whose author's name or body contains
     * {@code author} or {@code text} (any case; null: any), in {@code status} (all, pending or
     * deleted), with ids below {@code beforeId} (the next page), at most {@code limit}.
     */
    record Query(String site, String thread, String author, String text, String status, Long beforeId, int limit) {
    }

    List<StoredComment> newest(Query query);

    /** Gives a pending comment the thread's next seq and records its creation event. */
    Optional<ThreadEvent> approve(long id, Instant now, Function<ThreadEvent, AuditEntry> audit);

    /** Undoes a moderator's deletion (an author's own deletion erased the text and stays). */
    Optional<ThreadEvent> restore(long id, Instant now, Function<ThreadEvent, AuditEntry> audit);

    /**
     * Erases an author, in one transaction. Their comments lose name, text, avatar, address hash
     * and author id (each an {@code updated} event unless pending); their name reservations go;
     * bans of them or of their addresses lose their reason, and go once expired (an active one
     * keeps its author id or hash, to keep doing its work); audit entries naming them or their
     * addresses name nobody (action and time stay); their votes go (each voted comment's counts
     * change) and votes of others lose the author's address hashes; their comments' histories go.
     */
    Erasure eraseAuthor(String authorId, Instant now, Function<Erasure, AuditEntry> audit);

    /**
     * The events the erasure published, the address hashes the author had (for other state keyed by
     * them), and the counts of the comments their votes were taken from.
     */
    record Erasure(List<ThreadEvent> events, List<String> ipHashes, List<Score> scores) {
    }

    /**
     * Everything stored about one author: their comments, their name reservations, bans of them or
     * of an address they used, audit entries naming either, their votes, and the earlier texts of
     * their edited comments.
     */
    AuthorData authorData(String authorId, AuditEntry audit);

    record AuthorData(List<StoredComment> comments, List<NameReservation> names, List<Ban> bans,
                      List<AuditEntry> audit, List<MailSubscription> mail, List<CastVote> votes,
                      List<Version> versions) {
    }

    /** One of an author's votes: on which comment, which way, from which address hash, when. */
    record CastVote(long commentId, int value, String ipHash, Instant at) {
    }

    /**
     * A comment's earlier texts, oldest first (an empty list: never edited, or its history was
     * removed); empty when there is no such comment.
     */
    Optional<List<Version>> history(long id);

    /** A name a signed-in author used, reserved for their site ({@code site} "" for the legacy scope). */
    record NameReservation(String site, String name, String ssoUser) {
    }

    /** A ban on {@code site}, or every site ({@code site} null). */
    Ban ban(String authorId, String ipHash, String site, Instant until, String reason, Instant now, AuditEntry audit);

    /** Active bans of one site ({@code site}) or of all ({@code site} null: every ban). */
    List<Ban> activeBans(Instant now, String site);

    /** Removes a ban, if it is one of {@code site}'s ({@code site} null: any ban). */
    boolean unban(long id, String site, AuditEntry audit);

    /** The (internal) thread key of a comment, to tell which site it is on. */
    Optional<String> threadOf(long id);

    /** Locks or unlocks a thread (creating its row if it has none yet). */
    void lock(String thread, boolean locked, Instant now, AuditEntry audit);

    ModerationSettings settings(String site);

    void saveSettings(String site, ModerationSettings settings, AuditEntry audit);

    /** The newest audit entries, of one site ({@code site}) or of all (null). */
    List<AuditEntry> audit(int limit, String site);

    /** An audit entry for an action that changes nothing here (an import, a backup), in its own transaction. */
    void record(AuditEntry entry);

    /**
     * Forgets every address hash stored before {@code before}, except those an active ban needs:
     * comments' hashes, expired address bans (the ban is all there is of them), and audit entries
     * naming an address no active ban covers. Returns how many rows changed.
     */
    int forgetAddressHashes(Instant before, Instant now);
}
