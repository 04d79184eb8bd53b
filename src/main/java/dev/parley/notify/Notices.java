package dev.parley.notify;

import dev.parley.comment.StoredComment;
import dev.parley.protocol.EventType;
import dev.parley.metrics.Metrics;
import java.time.Clock;
import java.util.List;

/**
 * Turns thread events into mails to queue ({@link Relay} handler of the {@code mail} consumer): a
 * new visible comment (posted, or approved) notifies the confirmed subscriber of its parent, and
 * moderators when they want every new comment. Queuing is idempotent per kind, comment and
 * address, so an event handled twice (after a crash) queues its mails once while they wait.
 */
public final class Notices implements Relay.Handler {
    private final MailStore store;
    private final List<String> moderators;
    private final boolean moderatorsWantAll;
    private final Runnable wakeOutbox;
    private final Clock clock;
    private final Metrics metrics;

    public Notices(MailStore store, List<String> moderators, boolean moderatorsWantAll, Runnable wakeOutbox,
                   Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.moderators = moderators;
        this.moderatorsWantAll = moderatorsWantAll;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    @Override
    public void handle(RelayEvent event) {
        StoredComment c = event.stored();
        if (event.type() != EventType.COMMENT || c.comment().deleted() || c.comment().pending()) {
            return;
        }
        MailStore.Queued reply = store.noticeReply(c, clock.instant());
        Subscriptions.count(metrics, reply);
        boolean queued = reply == MailStore.Queued.QUEUED;
        // Posted visible, its event recorded with the comment's own time; an approval comes later
        // and moderators were told of the pending comment already.
        if (moderatorsWantAll && !moderators.isEmpty() && event.at().equals(c.comment().createdAt())) {
            store.noticeModerators(c.comment().id(), moderators, clock.instant())
                    .forEach(o -> Subscriptions.count(metrics, o));
            queued = true;
        }
        if (queued) {
            wakeOutbox.run();
        }
    }
}
