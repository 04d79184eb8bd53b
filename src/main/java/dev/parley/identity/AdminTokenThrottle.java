package dev.parley.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import io.vertx.core.Future;

/**
 * Wrong tokens on the paths that take the moderator token, counted per address: an address may
 * have {@code failures.burst()} tokens looked at after its first wrong one, then one every
 * {@code failures.every()}. Once an address has sent a wrong token it is a <em>suspect</em>: every
 * token it sends, right or wrong, takes one from its bucket before it is looked at, and with none
 * left gets 429 unseen. Letting the right one through regardless would let a 429 for a wrong guess
 * and a 200 for the right one tell a guesser when they hit. A token that is accepted clears the
 * suspicion; an address that never sent a wrong one is never slowed.
 *
 * <p>Buckets live in the shared limiter (across nodes with Redis); who is a suspect is known to
 * the node that saw the wrong token, for at most {@code maxSuspects} addresses and for as long as
 * a bucket takes to fill again. An address forgotten early gets one token looked at unpaid, then
 * pays again.
 */
public final class AdminTokenThrottle {
    private static final String KEY = "admin:ip:";
    private final RateLimiter limiter;
    private final Limit failures;
    private final Cache<String, Boolean> suspects;

    public AdminTokenThrottle(RateLimiter limiter, Limit failures, int maxSuspects) {
        this.limiter = limiter;
        this.failures = failures;
        this.suspects = Caffeine.newBuilder().maximumSize(maxSuspects)
                .expireAfterWrite(failures.every().multipliedBy(failures.burst())).build();
    }

    /**
     * Before a token from this address is looked at, without blocking (the caller is an event
     * loop): completes with the seconds it must wait (429), or 0 to look at the token.
     */
    public Future<Long> beforeTry(String ipHash) {
        if (suspects.getIfPresent(ipHash) == null) {
            return Future.succeededFuture(0L);
        }
        return limiter.acquireLater(KEY + ipHash, failures).map(AdminTokenThrottle::seconds);
    }

    /** Its token was wrong: completes with the seconds to wait (answer 429), or 0 (the usual refusal). */
    public Future<Long> failed(String ipHash) {
        if (suspects.asMap().putIfAbsent(ipHash, Boolean.TRUE) != null) {
            return Future.succeededFuture(0L); // paid for in beforeTry
        }
        return limiter.acquireLater(KEY + ipHash, failures).map(AdminTokenThrottle::seconds);
    }

    /** Its token was accepted: whoever holds it need not prove anything more. */
    public void succeeded(String ipHash) {
        suspects.invalidate(ipHash);
    }

    /** Forgets what was counted about this address (an erasure). */
    public void forget(String ipHash) {
        suspects.invalidate(ipHash);
        limiter.forget(KEY + ipHash);
    }

    /** Addresses under suspicion on this node now (at most {@code maxSuspects}). */
    public long suspects() {
        suspects.cleanUp();
        return suspects.estimatedSize();
    }

    private static long seconds(long millis) {
        return millis <= 0 ? 0 : Math.max(1, (millis + 999) / 1000);
    }
}
