package dev.parley.protocol;

/**
 * One change of a thread: its gap-free {@code seq} and the comment it concerns, in the state the
 * change left it (for replays: its current state).
 */
public record ThreadEvent(String thread, long seq, EventType type, Comment comment) {
}
