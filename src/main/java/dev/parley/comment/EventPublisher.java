package dev.parley.comment;

import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;

/** Hands committed changes to live delivery. Called only after the change committed. */
public interface EventPublisher {
    /** Publishes nowhere: a command run without a node (its readers see the change when they next load). */
    EventPublisher NONE = new EventPublisher() {
        @Override
        public void publish(ThreadEvent event) {
        }

        @Override
        public void publish(Score score) {
        }
    };

    void publish(ThreadEvent event);

    /**
     * A comment's new vote counts: delivered to the thread's readers like an event, but outside
     * the seq stream (no ordering, no gap recovery: each carries its counts whole and its score
     * version, so the newest wins and a reader catches up over REST).
     */
    void publish(Score score);
}
