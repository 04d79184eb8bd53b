package dev.parley.moderation;

import dev.parley.comment.Actor;
import dev.parley.comment.AuditEntry;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadEvent;
import dev.parley.protocol.ThreadKey;
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
        void enforce(String authorId, String ipHash, String site);
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

    /** The newest comments matching {@code query}; a site's moderator sees only their site's. */
    public List<StoredComment> newest(Actor.Moderator moderator, ModerationStore.Query query) {
        if (!List.of("all", "pending", "deleted").contains(query.status())) {
            throw new ApiException(ErrorCode.INVALID_LIMIT, "status must be all, pending or deleted");
        }
        if (moderator.site() != null && !moderator.site().equals(query.site())) {
            throw notYours();
        }
        return store.newest(query);
    }

    public ThreadEvent approve(Actor.Moderator moderator, long id) {
        String site = siteOf(moderator, id);
        ThreadEvent event = store.approve(id, clock.instant(),
                        e -> entry(moderator, "approve", "comment " + id, ThreadKey.thread(e.thread()), site))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no pending comment " + id));
        publisher.publish(event);
        return event;
    }

    public ThreadEvent restore(Actor.Moderator moderator, long id) {
        String site = siteOf(moderator, id);
        ThreadEvent event = store.restore(id, clock.instant(),
                        e -> entry(moderator, "restore", "comment " + id, ThreadKey.thread(e.thread()), site))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no comment " + id + " deleted by a moderator"));
        publisher.publish(event);
        return event;
    }

    /**
     * An import or a backup (the server's admin only, server-wide), in the audit log like every
     * other moderator action.
     */
    public void transferred(String actor, String action, String target, String detail) {
        store.record(new AuditEntry(clock.instant(), actor, action, target, detail, null));
    }

    /**
     * Bans an author or an address: on the moderator's site, or (the server's admin) on every
     * site. Their open sockets on every node are closed.
     */
    public Ban ban(Actor.Moderator moderator, String authorId, String ipHash, Duration duration, String reason) {
        if ((authorId == null) == (ipHash == null)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "ban exactly one of authorId or ipHash");
        }
        Instant now = clock.instant();
        Ban ban = store.ban(authorId, ipHash, moderator.site(), now.plus(duration), reason, now, entry(moderator, "ban",
                authorId != null ? AuditEntry.AUTHOR + authorId : AuditEntry.ADDRESS + ipHash,
                duration.toSeconds() + " s: " + reason, moderator.site()));
        enforcer.enforce(authorId, ipHash, moderator.site());
        return ban;
    }

    /** Every active ban (the node's own checks); a moderator's list is {@link #bans(Actor.Moderator)}. */
    public List<Ban> bans() {
        return store.activeBans(clock.instant(), null);
    }

    public List<Ban> bans(Actor.Moderator moderator) {
        return store.activeBans(clock.instant(), moderator.site());
    }

    public void unban(Actor.Moderator moderator, long id) {
        if (!store.unban(id, moderator.site(), entry(moderator, "unban", "ban " + id, "", moderator.site()))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no ban " + id);
        }
    }

    /** Locks or unlocks a thread ({@code thread}: its internal key, ThreadKey). */
    public void lock(Actor.Moderator moderator, String thread, boolean locked) {
        String site = ThreadKey.site(thread);
        if (!moderator.moderates(site)) {
            throw notYours();
        }
        store.lock(thread, locked, clock.instant(), entry(moderator, locked ? "lock" : "unlock",
                "thread " + ThreadKey.thread(thread), "", site));
    }

    public ModerationSettings settings(String site) {
        return store.settings(site);
    }

    public ModerationSettings saveSettings(Actor.Moderator moderator, String site, ModerationSettings settings) {
        if (!moderator.moderates(site)) {
            throw notYours();
        }
        store.saveSettings(site, settings, entry(moderator, "settings", "site " + site, "premoderation="
                + settings.premoderation() + ", " + settings.blockedWords().size() + " words, "
                + settings.blockedDomains().size() + " domains", site));
        return settings;
    }

    /** The newest audit entries: a site's moderator reads their site's, the server's admin every one. */
    public List<AuditEntry> audit(Actor.Moderator moderator, int limit) {
        return store.audit(limit, moderator.site());
    }

    /**
     * Everything stored about one author (a data request); the export is audited in its own
     * transaction. Authors are not per site: only the server's admin.
     */
    public ModerationStore.AuthorData export(Actor.Moderator moderator, String authorId) {
        serverAdminOnly(moderator);
        return store.authorData(authorId, entry(moderator, "export", AuditEntry.AUTHOR + authorId, "", null));
    }

    /**
     * Erases an author everywhere (see {@link ModerationStore#eraseAuthor}); readers see their
     * comments deleted, which also drops every cached page showing them. The erasure's own audit
     * entry does not name them. Only the server's admin.
     */
    public int erase(Actor.Moderator moderator, String authorId) {
        serverAdminOnly(moderator);
        ModerationStore.Erasure erasure = store.eraseAuthor(authorId, clock.instant(),
                e -> entry(moderator, "erase", AuditEntry.ERASED, e.events().size() + " comments", null));
        erasure.events().forEach(publisher::publish);
        erasure.scores().forEach(publisher::publish);
        forgetter.forget(authorId, erasure.ipHashes());
        return erasure.events().size();
    }

    /** An edited comment's earlier texts, oldest first; 404 for no such comment (or one of another site). */
    public List<Version> history(Actor.Moderator moderator, long id) {
        siteOf(moderator, id);
        return store.history(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "comment " + id + " not found"));
    }

    /** The site of a comment the moderator may act on; a comment of another site is "not found". */
    private String siteOf(Actor.Moderator moderator, long id) {
        String site = store.threadOf(id).map(ThreadKey::site)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no comment " + id));
        if (!moderator.moderates(site)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no comment " + id);
        }
        return site;
    }

    private static void serverAdminOnly(Actor.Moderator moderator) {
        moderator.requireServerAdmin("authors are the server's: only its admin token may do this");
    }

    private static ApiException notYours() {
        return new ApiException(ErrorCode.FORBIDDEN, "this moderator token is for another site");
    }

    /** Retention: address hashes older than {@code retention} are forgotten, except those active bans need. */
    public int forgetOldAddressHashes(Duration retention) {
        Instant now = clock.instant();
        return store.forgetAddressHashes(now.minus(retention), now);
    }

    private AuditEntry entry(Actor.Moderator moderator, String action, String target, String detail, String site) {
        return new AuditEntry(clock.instant(), moderator.name(), action, target, detail, site);
    }
}
