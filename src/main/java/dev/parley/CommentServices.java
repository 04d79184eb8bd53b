package dev.parley;

import dev.parley.abuse.RateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.Guard;
import dev.parley.comment.Markdown;
import dev.parley.config.Config;
import dev.parley.identity.AdminTokenThrottle;
import dev.parley.moderation.Moderation;
import dev.parley.realtime.Broker;
import dev.parley.site.Sites;
import dev.parley.store.Database;
import dev.parley.store.JdbcCommentStore;
import dev.parley.store.JdbcModerationStore;
import dev.parley.store.JdbcSiteStore;
import dev.parley.store.JdbcVoteStore;
import dev.parley.vote.Votes;
import java.time.Clock;
import java.time.Duration;

/**
 * What readers and moderators act on, wired in one place: comments (with their guard), votes,
 * moderation and the sites. A ban and an erasure reach across them: a ban is announced to every
 * node and takes the banned one's votes; an erasure makes the limiters forget the author and their
 * addresses.
 */
final class CommentServices {
    /** Addresses remembered for having sent a wrong moderator token. */
    private static final int MAX_ADMIN_SUSPECTS = 10_000;

    final CommentService comments;
    final Votes votes;
    final AdminTokenThrottle adminThrottle;
    final Moderation moderation;
    final Sites sites;

    CommentServices(Config config, Database database, JdbcCommentStore store, RateLimiter limiter,
                    EventPublisher publisher, Broker broker, Runnable banned) {
        Config.Trust trust = config.trust();
        Config.Limits limits = trust.limits();
        Clock clock = Clock.systemUTC();
        Guard guard = new Guard(store, limiter, new Guard.Rules(limits.post(), limits.post(), trust.maxLinks(),
                Duration.ofMinutes(10), limits.change(), limits.change()));
        comments = new CommentService(store, new Markdown(), publisher, guard, trust.editWindow(), clock);
        votes = new Votes(new JdbcVoteStore(database, store), limiter, publisher,
                new Votes.Rules(limits.vote(), limits.vote(), trust.voteTrustAfter()), clock);
        adminThrottle = new AdminTokenThrottle(limiter, limits.adminFailures(), MAX_ADMIN_SUSPECTS);
        sites = new Sites(new JdbcSiteStore(database), config.http().allowedOrigins(), clock);
        moderation = new Moderation(new JdbcModerationStore(database, store), publisher,
                (author, ip, site) -> {
                    banned.run();
                    broker.announceBan(author, ip, site);
                    votes.banned(author, ip, site); // a ban takes the banned one's votes with it
                }, (author, ipHashes) -> {
                    guard.forget(author, ipHashes, sites.names());
                    votes.forget(author, ipHashes);
                    ipHashes.forEach(adminThrottle::forget);
                }, clock);
    }
}
