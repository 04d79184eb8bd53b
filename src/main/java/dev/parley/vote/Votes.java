package dev.parley.vote;

import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.comment.AuditEntry;
import dev.parley.comment.CommentStore;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.Guard;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Score;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of votes (docs/protocol.md, "Votes"): one vote per reader and comment, changeable and
 * withdrawable; not on one's own comment, a deleted one or while banned; rate-limited per address
 * and per author like posts; and, against one address minting a token per vote, a reader first seen
 * less than {@code trustAfter} ago adds a vote to a comment only if nobody else voted on it from
 * their address. Plain blocking Java, called from worker threads.
 */
public final class Votes {
    /** Votes per address and per voter (a token bucket each), and the age that frees a voter from the address rule. */
    public record Rules(Limit perAddress, Limit perVoter, Duration trustAfter) {
    }

    /** Scores one catch-up read returns at most. */
    public static final int MAX_SCORES = 1000;

    private final VoteStore store;
    private final RateLimiter limiter;
    private final EventPublisher publisher;
    private final Rules rules;
    private final Clock clock;

    public Votes(VoteStore store, RateLimiter limiter, EventPublisher publisher, Rules rules, Clock clock) {
        this.store = store;
        this.limiter = limiter;
        this.publisher = publisher;
        this.rules = rules;
        this.clock = clock;
    }

    /** Casts (+1, -1) or withdraws (0) a vote; readers hear the new counts if they changed. */
    public VoteStore.Cast vote(long commentId, Voter voter, int value) {
        if (value < -1 || value > 1) {
            throw new ApiException(ErrorCode.INVALID_JSON, "value must be 1, -1 or 0");
        }
        checkRate(voter);
        Instant now = clock.instant();
        VoteStore.Cast cast = store.cast(commentId, voter, value, now, now.minus(rules.trustAfter()),
                facts -> check(facts, commentId, voter, value));
        if (cast.changed()) {
            publisher.publish(cast.score());
        }
        return cast;
    }

    /** A new voter's id is new on every vote: a bucket for it would limit nothing (as for posts). */
    private void checkRate(Voter voter) {
        long wait = limiter.acquire("vote:ip:" + voter.ipHash(), rules.perAddress());
        if (!voter.newVoter()) {
            wait = Math.max(wait, limiter.acquire("vote:author:" + voter.authorId(), rules.perVoter()));
        }
        Guard.refuseAfter(wait, "too many votes");
    }

    private static void check(VoteStore.Facts facts, long commentId, Voter voter, int value) {
        if (facts.comment().isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "comment " + commentId + " not found");
        }
        if (facts.comment().get().deleted()) {
            throw new ApiException(ErrorCode.CONFLICT, "comment " + commentId + " is deleted");
        }
        if (voter.authorId().equals(facts.authorId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you cannot vote on your own comment");
        }
        if (facts.banned()) {
            throw new ApiException(ErrorCode.BANNED, "you cannot vote here at the moment");
        }
        if (value != 0 && facts.previous() == 0 && !voter.signedIn() && !facts.trusted() && facts.addressTaken()) {
            throw new ApiException(ErrorCode.CONFLICT, "a reader at your address already voted on this comment;"
                    + " new readers' votes count once per address");
        }
    }

    /**
     * A moderator removes every vote of an author or from an address (exactly one given); readers
     * hear each changed count. Returns how many comments' counts changed.
     */
    public int clear(String actor, String voterId, String ipHash) {
        if ((voterId == null) == (ipHash == null)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "give exactly one of authorId or ipHash");
        }
        String target = voterId != null ? AuditEntry.AUTHOR + voterId : AuditEntry.ADDRESS + ipHash;
        List<Score> changed = store.clear(voterId, ipHash, null,
                Optional.of(new AuditEntry(clock.instant(), actor, "clear-votes", target, "")));
        changed.forEach(publisher::publish);
        return changed.size();
    }

    /**
     * A ban takes the banned author's (or address's) votes with it, on the ban's site (null: every
     * site); the ban's own audit entry says why.
     */
    public void banned(String authorId, String ipHash, String site) {
        store.clear(authorId, ipHash, site, Optional.empty()).forEach(publisher::publish);
    }

    /** An erased author: what the vote limits counted about them and their addresses is dropped. */
    public void forget(String authorId, List<String> ipHashes) {
        limiter.forget("vote:author:" + authorId);
        ipHashes.forEach(ipHash -> limiter.forget("vote:ip:" + ipHash));
    }

    public CommentStore.Page<Score> scores(String thread, long after, int limit) {
        return store.scores(thread, after, Math.min(limit, MAX_SCORES));
    }

    public VoteStore.Top top(String thread, int offset, int limit, int maxReplies) {
        return store.top(thread, offset, limit, maxReplies);
    }
}
