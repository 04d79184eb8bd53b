package dev.parley.notify;

import dev.parley.comment.CommentRules;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Poster;
import dev.parley.posting.AfterPost;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;
import dev.parley.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail side of a post: the optional {@code email} field (a reader asking to be told of replies)
 * and the notice of a pending comment to moderators; then the links of the mails: confirm and
 * unsubscribe.
 *
 * <p>The post's invariant: its answer is sent only after the comment and these rows committed
 * (two transactions, one after the other, on the post's blocking lane). A node dying between them
 * leaves the comment without its subscription or notice; the client, having no answer, retries
 * with its idempotency key, and the replay completes them (everything here is idempotent and
 * checks that the comment is the poster's). Replies themselves are found from the stored thread
 * events ({@link Notices}), so no crash can lose one.
 */
public final class Subscriptions implements AfterPost {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final MailStore store;
    private final MailTokens tokens;
    private final List<String> moderators;
    private final Runnable wakeOutbox;
    private final Clock clock;
    private final Metrics metrics;

    public Subscriptions(MailStore store, MailTokens tokens, List<String> moderators, Runnable wakeOutbox, Clock clock,
                         Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.tokens = tokens;
        this.moderators = moderators;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    /** The post's address in lower case, if it gave one; {@code invalid_email} when it is not one. */
    @Override
    public Object read(JsonObject post) {
        String email = CommentRules.optionalString(post, "email");
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EmailAddress.check(email.strip()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_EMAIL, "email: " + e.getMessage());
        }
    }

    @Override
    public void committed(CommentStore.Posted posted, Poster poster, Object read) {
        Comment comment = posted.event().comment();
        boolean queued = false;
        if (read instanceof Optional<?> address && address.isPresent()) {
            MailStore.Queued outcome = store.subscribe(comment.id(), poster.authorId(), (String) address.get(),
                    clock.instant());
            queued = outcome == MailStore.Queued.QUEUED;
            count(metrics, outcome);
            if (!queued && outcome != MailStore.Queued.ALREADY) {
                log.info("confirmation for comment {} not queued: {}", comment.id(), outcome);
            }
        }
        if (comment.pending() && !moderators.isEmpty()) {
            store.noticeModerators(comment.id(), moderators, clock.instant()).forEach(o -> count(metrics, o));
            queued = true;
        }
        if (queued) {
            wakeOutbox.run();
        }
    }

    /** Counts an outcome; {@code already} (nothing to do) is not counted. */
    static void count(Metrics metrics, MailStore.Queued outcome) {
        if (outcome != MailStore.Queued.ALREADY) {
            metrics.mailQueued(outcome.name().toLowerCase());
        }
    }

    /** The confirmation link: true when it confirmed a subscription. Blocking. */
    public boolean confirm(String token) {
        return tokens.read(MailTokens.Purpose.CONFIRM, token).flatMap(this::address)
                .map(a -> store.confirm(a.authorId(), a.address(), clock.instant())).orElse(false);
    }

    /** The unsubscribe link: false when the token is not valid (an unknown subscription is already gone). Blocking. */
    public boolean unsubscribe(String token) {
        Optional<MailTokens.Holder> holder = tokens.read(MailTokens.Purpose.UNSUBSCRIBE, token);
        holder.flatMap(this::address).ifPresent(a -> store.unsubscribe(a.authorId(), a.address()));
        return holder.isPresent();
    }

    private record Address(String authorId, String address) {
    }

    /** The author's address a link names by its digest (an author has a handful at most). */
    private Optional<Address> address(MailTokens.Holder holder) {
        return store.addresses(holder.authorId()).stream()
                .filter(a -> tokens.digest(a).equals(holder.addressDigest())).findFirst()
                .map(a -> new Address(holder.authorId(), a));
    }
}
