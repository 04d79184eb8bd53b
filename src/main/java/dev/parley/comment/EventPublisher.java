package dev.parley.comment;

import dev.parley.protocol.ThreadEvent;

/** Hands a committed thread event to live delivery. Called only after the change committed. */
@FunctionalInterface
public interface EventPublisher {
    void publish(ThreadEvent event);
}
