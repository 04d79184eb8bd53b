package dev.parley.moderation;

import dev.parley.comment.AuditEntry;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What moderators may do. Every action is audited; changes to comments travel as thread events
 * through the broker, so they reach every reader on every node; bans also close the banned
 * author's or address's open sockets everywhere (through {@link BanEnforcer}).
 */
public final class Moderation {
    /** Closes open connections of a newly banned author or address, on every node. */
    @FunctionalInterface
    public interface BanEnforcer {
        void enforce(String authorId, String ipHash);
    }

    /** Drops state kept outside the database about an erased author and their addresses (rate limits). */
    @FunctionalInterface
    public interface Forgetter {
        void forget(String authorId, List<String> ipHashes);
    }

    private final ModerationStore store;
    private final EventPublisher publisher;
    private final BanEnforcer enforcer;
    private final Forgetter forgetter;
    private final Clock clock;

    public Moderation(ModerationStore store, EventPublisher publisher, BanEnforcer enforcer, Forgetter forgetter,
                      Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.enforcer = enforcer;
        this.forgetter = forgetter;
        this.clock = clock;
    }

    public List<StoredComment> newest(int limit, Long beforeId, String status) {
        if (!List.of("all", "pending", "deleted").contains(status)) {
            throw new ApiException(ErrorCode.INVALID_LIMIT, "status must be all, pending or deleted");
        }
        return store.newest(limit, beforeId, status);
    }

    public ThreadEvent approve(String actor, long id) {
        ThreadEvent event = store.approve(id, clock.instant(), e -> entry(actor, "approve", "comment " + id, e.thread()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no pending comment " + id));
        publisher.publish(event);
        return event;
    }

    public ThreadEvent restore(String actor, long id) {
        ThreadEvent event = store.restore(id, clock.instant(), e -> entry(actor, "restore", "comment " + id, e.thread()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no comment " + id + " deleted by a moderator"));
        publisher.publish(event);
        return event;
    }

    public Ban ban(String actor, String authorId, String ipHash, Duration duration, String reason) {
        if ((authorId == null) == (ipHash == null)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "ban exactly one of authorId or ipHash");
        }
        Instant now = clock.instant();
        Ban ban = store.ban(authorId, ipHash, now.plus(duration), reason, now, entry(actor, "ban",
                authorId != null ? AuditEntry.AUTHOR + authorId : AuditEntry.ADDRESS + ipHash,
                duration.toSeconds() + " s: " + reason));
        enforcer.enforce(authorId, ipHash);
        return ban;
    }

    public List<Ban> bans() {
        return store.activeBans(clock.instant());
    }

    public void unban(String actor, long id) {
        if (!store.unban(id, entry(actor, "unban", "ban " + id, ""))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no ban " + id);
        }
    }

    public void lock(String actor, String thread, boolean locked) {
        store.lock(thread, locked, clock.instant(), entry(actor, locked ? "lock" : "unlock", "thread " + thread, ""));
    }

    public ModerationSettings settings() {
        return store.settings();
    }

    public ModerationSettings saveSettings(String actor, ModerationSettings settings) {
        store.saveSettings(settings, entry(actor, "settings", "site", "premoderation=" + settings.premoderation() + ", "
                + settings.blockedWords().size() + " words, " + settings.blockedDomains().size() + " domains"));
        return settings;
    }

    public List<AuditEntry> audit(int limit) {
        return store.audit(limit);
    }

    /** Everything stored about one author (a data request); the export itself is audited first. */
    public ModerationStore.AuthorData export(String actor, String authorId) {
        return store.authorData(authorId, entry(actor, "export", AuditEntry.AUTHOR + authorId, ""));
    }

    /**
     * Erases an author everywhere (see {@link ModerationStore#eraseAuthor}); readers see their
     * comments deleted, which also drops every cached page showing them. The erasure's own audit
     * entry does not name them.
     */
    public int erase(String actor, String authorId) {
        ModerationStore.Erasure erasure = store.eraseAuthor(authorId, clock.instant(),
                e -> entry(actor, "erase", AuditEntry.ERASED, e.events().size() + " comments"));
        erasure.events().forEach(publisher::publish);
        erasure.scores().forEach(publisher::publish);
        forgetter.forget(authorId, erasure.ipHashes());
        return erasure.events().size();
    }

    /** An edited comment's earlier texts, oldest first; 404 for no such comment. */
    public List<Version> history(long id) {
        return store.history(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "comment " + id + " not found"));
    }

    /** Retention: address hashes older than {@code retention} are forgotten, except those active bans need. */
    public int forgetOldAddressHashes(Duration retention) {
        Instant now = clock.instant();
        return store.forgetAddressHashes(now.minus(retention), now);
    }

    private AuditEntry entry(String actor, String action, String target, String detail) {
        return new AuditEntry(clock.instant(), actor, action, target, detail);
    }
}
