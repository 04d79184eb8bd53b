package dev.parley.moderation;

import dev.parley.comment.EventPublisher;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
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

    private final ModerationStore store;
    private final EventPublisher publisher;
    private final BanEnforcer enforcer;
    private final Clock clock;

    public Moderation(ModerationStore store, EventPublisher publisher, BanEnforcer enforcer, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.enforcer = enforcer;
        this.clock = clock;
    }

    public List<StoredComment> newest(int limit, Long beforeId, String status) {
        if (!List.of("all", "pending", "deleted").contains(status)) {
            throw new ApiException(ErrorCode.INVALID_LIMIT, "status must be all, pending or deleted");
        }
        return store.newest(limit, beforeId, status);
    }

    public ThreadEvent approve(String actor, long id) {
        ThreadEvent event = store.approve(id, clock.instant())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no pending comment " + id));
        publisher.publish(event);
        audit(actor, "approve", "comment " + id, event.thread());
        return event;
    }

    public ThreadEvent restore(String actor, long id) {
        ThreadEvent event = store.restore(id, clock.instant())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no comment " + id + " deleted by a moderator"));
        publisher.publish(event);
        audit(actor, "restore", "comment " + id, event.thread());
        return event;
    }

    public void deleted(String actor, long id) {
        audit(actor, "delete", "comment " + id, "");
    }

    public void edited(String actor, long id) {
        audit(actor, "edit", "comment " + id, "");
    }

    public Ban ban(String actor, String authorId, String ipHash, Duration duration, String reason) {
        if ((authorId == null) == (ipHash == null)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "ban exactly one of authorId or ipHash");
        }
        Instant now = clock.instant();
        Ban ban = store.ban(authorId, ipHash, now.plus(duration), reason, now);
        enforcer.enforce(authorId, ipHash);
        audit(actor, "ban", authorId != null ? "author " + authorId : "ip " + ipHash,
                duration.toSeconds() + " s: " + reason);
        return ban;
    }

    public List<Ban> bans() {
        return store.activeBans(clock.instant());
    }

    public void unban(String actor, long id) {
        if (!store.unban(id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no ban " + id);
        }
        audit(actor, "unban", "ban " + id, "");
    }

    public void lock(String actor, String thread, boolean locked) {
        store.lock(thread, locked, clock.instant());
        audit(actor, locked ? "lock" : "unlock", "thread " + thread, "");
    }

    public ModerationSettings settings() {
        return store.settings();
    }

    public ModerationSettings saveSettings(String actor, ModerationSettings settings) {
        store.saveSettings(settings);
        audit(actor, "settings", "site", "premoderation=" + settings.premoderation() + ", "
                + settings.blockedWords().size() + " words, " + settings.blockedDomains().size() + " domains");
        return settings;
    }

    public List<AuditEntry> audit(int limit) {
        return store.audit(limit);
    }

    public List<StoredComment> export(String actor, String authorId) {
        audit(actor, "export", "author " + authorId, "");
        return store.byAuthor(authorId);
    }

    /** The mail part of an author's data (audited with the export it belongs to). */
    public List<MailSubscription> exportMail(String authorId) {
        return store.mailSubscriptions(authorId);
    }

    public int erase(String actor, String authorId) {
        List<ThreadEvent> events = store.eraseAuthor(authorId, clock.instant());
        events.forEach(publisher::publish);
        audit(actor, "erase", "author " + authorId, events.size() + " comments");
        return events.size();
    }

    /** Retention: address hashes older than {@code retention} are forgotten. */
    public int forgetOldAddressHashes(Duration retention) {
        return store.forgetAddressHashes(clock.instant().minus(retention));
    }

    private void audit(String actor, String action, String target, String detail) {
        store.audit(new AuditEntry(clock.instant(), actor, action, target, detail));
    }
}
