package dev.parley.realtime;

import io.netty.buffer.ByteBuf;

/**
 * How a connection's frames look on its socket: WebSocket frames ({@link WebSocketWire}) or a
 * text/event-stream ({@link EventStreamWire}, the fallback for readers whose proxy blocks
 * WebSocket). Everything above it — feeds, fan-out, joins and replay, the {@link Outbox} budget,
 * the heartbeat, the drain — is the same for both, so both are exactly as gap-free.
 */
interface Wire {
    /** No {@code id}: the frame is not a thread event (subscribed, presence, score, error). */
    long NO_ID = -1;

    /** The message to write for one JSON frame; {@code id} is its seq when it is a thread event. */
    Object text(byte[] json, long id);

    /** A delivery's bytes, encoded once for every connection of this kind (a retained duplicate). */
    ByteBuf shared(Delivery d);

    /** The heartbeat, as a ready message (a shared, unreleasable buffer's duplicate). */
    ByteBuf ping();

    /** Whether the client answers the heartbeat (a WebSocket does; an event stream cannot). */
    boolean awaitsPong();

    /** The last message before this side stops writing: a close frame, or a comment saying why. */
    Object goodbye(short code, String reason);

    /**
     * Whether the peer answers the goodbye (a WebSocket's close handshake), so the connection is
     * only half-closed until it does; otherwise it closes once the goodbye is written.
     */
    boolean answersGoodbye();

    /** The connection's kind, for its log line. */
    String name();
}
